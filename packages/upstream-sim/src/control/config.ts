import type { VideoStatus } from '../model/well-known.js'

export const FAULT_KINDS = [
  'rate-limit',
  'server-error',
  'gql-error',
  'gql-null',
  'timeout',
  'reset',
  'youtube-sign-in',
  'youtube-po-token',
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/**
 * One injected failure. `match` is an endpoint prefix (`twitch`, `twitch.gql.comments`, `soop.chat`, …;
 * omitted = every upstream endpoint). With `times` the rule fires on the next N matching requests; with
 * `rate` on that share of them; with neither, on every one.
 * - rate-limit: 429 with `Retry-After`;
 * - server-error: `status` (default 503);
 * - gql-error: Twitch GQL only — HTTP 200 with in-band `errors` and the requested field null;
 * - gql-null: Twitch comment pages — HTTP 200, `comments: null` and no error (transient under load);
 * - timeout: hold the request `stallMs` before answering (longer than any sane client timeout);
 * - reset: destroy the connection without answering;
 * - youtube-sign-in: YouTube player API only — `LOGIN_REQUIRED` "Sign in to confirm you're not a bot";
 * - youtube-po-token: YouTube player API only — playable, but SABR-only formats (no URL without a PO token).
 */
export interface FaultRule {
  kind: FaultKind
  match?: string
  rate?: number
  times?: number
  retryAfterSec?: number
  status?: number
}

/** What tests and benchmarks may change while the simulator runs (`POST /__config`, `handle.config`). */
export interface RuntimeConfig {
  /** Added to every upstream request, ms. */
  latencyMs: number
  /** Uniform random extra latency in [0, jitter), ms. */
  latencyJitterMs: number
  /** Latency by endpoint prefix, ms; the longest matching prefix wins over `latencyMs`. */
  endpointLatencyMs: Record<string, number>
  faults: FaultRule[]
  /** `platform:videoId` → status; `ok` undoes an earlier override. Merged on update. */
  videoStatus: Record<string, VideoStatus>
  /** `Retry-After` of rate-limit faults without their own, seconds. */
  retryAfterSec: number
  /** How long a `timeout` fault holds a request, ms. */
  stallMs: number
}

export const RUNTIME_DEFAULTS = {
  latencyMs: 0,
  latencyJitterMs: 0,
  endpointLatencyMs: {},
  faults: [],
  videoStatus: {},
  retryAfterSec: 1,
  stallMs: 60_000, // one minute
} as const satisfies RuntimeConfig

export type RuntimeUpdate = Partial<RuntimeConfig>

/** Applies an update: `faults` and `endpointLatencyMs` are replaced, `videoStatus` is merged. */
export function mergeRuntime(current: RuntimeConfig, update: RuntimeUpdate): RuntimeConfig {
  const next: RuntimeConfig = {
    ...current,
    ...stripUndefined(update),
    videoStatus: { ...current.videoStatus, ...(update.videoStatus ?? {}) },
  }
  for (const [key, status] of Object.entries(next.videoStatus)) {
    if (status === 'ok') delete next.videoStatus[key]
  }
  validate(next)
  return next
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

function validate(config: RuntimeConfig): void {
  for (const key of ['latencyMs', 'latencyJitterMs', 'retryAfterSec', 'stallMs'] as const) {
    if (!Number.isFinite(config[key]) || config[key] < 0) throw new RangeError(`${key} must be a number >= 0`)
  }
  for (const rule of config.faults) {
    if (!FAULT_KINDS.includes(rule.kind))
      throw new RangeError(`unknown fault kind ${JSON.stringify(rule.kind)}`)
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1))
      throw new RangeError('fault rate must be in [0, 1]')
  }
}
