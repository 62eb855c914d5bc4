import type { Kafka, Producer } from 'kafkajs'
import type { Registry } from 'prom-client'
import type { Static, TSchema } from 'typebox'
import type { RetryPolicy } from './backoff.js'
import type { Logger } from './logger.js'

/** What a handler learns about the message besides its decoded payload. */
export interface HandlerContext {
  /** Where this delivery came from: the worker's topic, or its `<group>.retry` topic. */
  topic: string
  partition: number
  offset: string
  key: string | null
  headers: Readonly<Record<string, string>>
  /** 1 for the first delivery, 2 for the first retry, and so on. */
  attempt: number
  /**
   * Aborts when the partition is revoked or a graceful stop's deadline passes. A handler that gives up
   * leaves its message uncommitted, to be redelivered; it is neither retried nor dead-lettered.
   */
  signal: AbortSignal
  /** Bound to topic, partition, offset and, when the payload has them, jobId and videoKey. */
  log: Logger
  /**
   * Whether throwing `err` now ends this message in the dead-letter topic rather than a retry: a
   * permanent error, or any error on the last attempt; false once `signal` aborted (the message is
   * redelivered instead). The handler's cue to record on its job why the stage failed, then rethrow.
   */
  isFinal(err: unknown): boolean
}

/**
 * Resolves when the message's work is done (its effects stored idempotently). Throws to fail it: an
 * error with `retryable: false` dead-letters the message at once, anything else is retried.
 */
export type Handler<T> = (message: T, context: HandlerContext) => Promise<void>

export interface WorkerOptions<S extends TSchema> {
  /** Names the worker in logs, metrics and per-worker environment variables. */
  name: string
  kafka: Kafka
  /** Consumer group; also names `<group>.retry` and `<group>.dlq`. */
  group: string
  topic: string
  /** The contracts schema of the topic's payload; every message is validated against it. */
  schema: S
  handle: Handler<Static<S>>
  /** Handlers running at once; messages with the same key still run one at a time, in order. */
  concurrency?: number
  retry?: Partial<RetryPolicy>
  /**
   * The process environment, when the worker takes its settings from it (config.ts): `group` gives
   * way to `VODSCOPE_<NAME>_GROUP` (NAME is `name` in upper snake case); `concurrency` and `retry` to
   * `VODSCOPE_<NAME>_CONCURRENCY`, `_RETRY_ATTEMPTS`, `_RETRY_BASE_MS`, `_RETRY_MAX_MS`, or else the
   * same without the name (`VODSCOPE_CONCURRENCY`). Without it they are used as given.
   */
  env?: NodeJS.ProcessEnv
  /** A producer to share with the app; without one the worker creates and owns its own. */
  producer?: Producer
  log?: Logger
  /** Where the worker's metrics live; processes with several workers pass one registry to all. */
  registry?: Registry
  tuning?: Partial<WorkerTuning>
}

export interface WorkerTuning {
  sessionTimeout: number
  rebalanceTimeout: number
  heartbeatInterval: number
  /** Longest broker wait per fetch; also how soon a resumed partition is fetched again. */
  maxWaitTimeInMs: number
  maxBytesPerPartition: number
  /** Accepted but not yet committable messages per partition before the partition is paused. */
  maxPendingPerPartition: number
  commitIntervalMs: number
  /** Where a group without committed offsets starts. */
  fromBeginning: boolean
}

export type WorkerStatus = 'idle' | 'starting' | 'consuming' | 'stopping' | 'stopped' | 'crashed'

export interface Worker {
  readonly name: string
  /** Connects, joins the group and resolves once consuming; throws if a topic is missing. */
  start(): Promise<void>
  /**
   * Stops fetching, lets running handlers finish until the deadline (then aborts them), commits what
   * finished, leaves the group and disconnects what the worker owns. Resolves within about `timeoutMs`.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>
  health(): { name: string; ok: boolean; state: WorkerStatus }
}
