import type { WorkerTuning } from './options.js'

// Defaults apart from the option types, so options.ts stays types only and imports nothing back.

export const TUNING_DEFAULTS = {
  // How long a crashed member (SIGKILL, lost host) keeps its partitions before the group moves them;
  // meanwhile the group waits in PreparingRebalance. 10 s recovered faster in the chaos suite, but two
  // graceful-stop/kill tests then failed on a machine at load 15+: kept at 30 s until that is understood.
  sessionTimeout: 30_000, // thirty seconds
  rebalanceTimeout: 60_000, // one minute
  heartbeatInterval: 3_000, // three seconds
  // Also how long kafkajs sleeps when every assigned partition is paused: keep it short.
  maxWaitTimeInMs: 100, // a tenth of a second
  maxBytesPerPartition: 1_048_576, // one MiB, kafkajs's default
  // A little more than one full fetch (1 MiB) of small messages, so a single batch does not pause.
  maxPendingPerPartition: 5_000, // messages
  commitIntervalMs: 1_000, // one second
  // A group that starts after messages were produced (a new worker, a fresh test) must see them.
  fromBeginning: true,
} as const satisfies WorkerTuning

/** Handlers at once per worker when neither the app nor the environment says otherwise. */
export const DEFAULT_CONCURRENCY = 16
