import type { IHeaders } from 'kafkajs'

/**
 * Headers worker-kit writes on `<group>.retry` and `<group>.dlq` messages. The original key and value
 * travel unchanged; these say where the message came from, why it failed and when to try again.
 */
export const FAILURE_HEADERS = {
  originalTopic: 'x-vodscope-original-topic',
  originalPartition: 'x-vodscope-original-partition',
  originalOffset: 'x-vodscope-original-offset',
  originalKey: 'x-vodscope-original-key',
  group: 'x-vodscope-group',
  errorCode: 'x-vodscope-error-code',
  errorMessage: 'x-vodscope-error-message',
  retryable: 'x-vodscope-error-retryable',
  /** Failed attempts so far. */
  attempts: 'x-vodscope-attempts',
  firstFailureAt: 'x-vodscope-first-failure-at',
  lastFailureAt: 'x-vodscope-last-failure-at',
  /** Retry topic only: ISO time before which the next attempt must not start. */
  dueAt: 'x-vodscope-due-at',
} as const

/** Set on a message replayed from a dead-letter topic back to its original topic. */
export const REPLAYED_FROM_HEADER = 'x-vodscope-replayed-from'
/** Set on the marker a replay appends to the dead-letter topic: the id of the dead letter it moved. */
export const REPLAY_OF_HEADER = 'x-vodscope-replay-of'

const FAILURE_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(FAILURE_HEADERS))
const MAX_ERROR_MESSAGE = 1_000 // characters; a stack-sized message would bloat every retry

export interface FailureInfo {
  originalTopic: string
  originalPartition: number
  originalOffset: string
  originalKey: string | null
  group: string
  errorCode: string
  errorMessage: string
  retryable: boolean
  attempts: number
  firstFailureAt: string
  lastFailureAt: string
  dueAt?: string
}

/** Header values as strings (the first value of a repeated header). */
export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (headers === undefined) return out
  for (const name in headers) {
    const raw = headers[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (value !== undefined) out[name] = value.toString()
  }
  return out
}

export function failureHeaders(info: FailureInfo): Record<string, string> {
  const headers: Record<string, string> = {
    [FAILURE_HEADERS.originalTopic]: info.originalTopic,
    [FAILURE_HEADERS.originalPartition]: String(info.originalPartition),
    [FAILURE_HEADERS.originalOffset]: info.originalOffset,
    [FAILURE_HEADERS.group]: info.group,
    [FAILURE_HEADERS.errorCode]: info.errorCode,
    [FAILURE_HEADERS.errorMessage]: info.errorMessage.slice(0, MAX_ERROR_MESSAGE),
    [FAILURE_HEADERS.retryable]: String(info.retryable),
    [FAILURE_HEADERS.attempts]: String(info.attempts),
    [FAILURE_HEADERS.firstFailureAt]: info.firstFailureAt,
    [FAILURE_HEADERS.lastFailureAt]: info.lastFailureAt,
  }
  if (info.originalKey !== null) headers[FAILURE_HEADERS.originalKey] = info.originalKey
  if (info.dueAt !== undefined) headers[FAILURE_HEADERS.dueAt] = info.dueAt
  return headers
}

/** The failure record of a retry or dead-letter message; undefined when it carries none. */
export function readFailure(headers: Record<string, string>): FailureInfo | undefined {
  const topic = headers[FAILURE_HEADERS.originalTopic]
  if (topic === undefined) return undefined
  const attempts = Number(headers[FAILURE_HEADERS.attempts])
  const partition = Number(headers[FAILURE_HEADERS.originalPartition])
  const info: FailureInfo = {
    originalTopic: topic,
    originalPartition: Number.isInteger(partition) ? partition : -1,
    originalOffset: headers[FAILURE_HEADERS.originalOffset] ?? '',
    originalKey: headers[FAILURE_HEADERS.originalKey] ?? null,
    group: headers[FAILURE_HEADERS.group] ?? '',
    errorCode: headers[FAILURE_HEADERS.errorCode] ?? '',
    errorMessage: headers[FAILURE_HEADERS.errorMessage] ?? '',
    retryable: headers[FAILURE_HEADERS.retryable] === 'true',
    attempts: Number.isInteger(attempts) && attempts > 0 ? attempts : 0,
    firstFailureAt: headers[FAILURE_HEADERS.firstFailureAt] ?? '',
    lastFailureAt: headers[FAILURE_HEADERS.lastFailureAt] ?? '',
  }
  const dueAt = headers[FAILURE_HEADERS.dueAt]
  if (dueAt !== undefined) info.dueAt = dueAt
  return info
}

/** The producer's own headers, without worker-kit's failure and replay bookkeeping. */
export function applicationHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!FAILURE_HEADER_NAMES.has(name) && name !== REPLAYED_FROM_HEADER && name !== REPLAY_OF_HEADER) {
      out[name] = value
    }
  }
  return out
}
