import { createError } from '@vodscope/contracts'

/**
 * Errors of the worker runtime. Codes are stable: dead-letter headers and job documents carry them,
 * and the runtime branches on `retryable`, never on message text.
 *
 * Handlers may throw any error. One with a boolean `retryable` (a WorkerError, a ContractError, an
 * error of another package's catalogue) is routed by that flag and keeps its string `code`; anything
 * else counts as retryable under WORKER_UNEXPECTED, because an unknown failure is more often a blip
 * than a poison message, and the retry budget still ends in the dead-letter topic.
 */
export const WORKER_ERRORS = {
  WORKER_RETRYABLE: {
    retryable: true,
    doc: 'The work failed for a reason that may pass (a timeout, an upstream 5xx); retry with backoff.',
  },
  WORKER_PERMANENT: {
    retryable: false,
    doc: 'The work can never succeed with this message; dead-letter it at once.',
  },
  WORKER_UNEXPECTED: {
    retryable: true,
    doc: 'The handler threw something without a `retryable` flag; treated as retryable.',
  },
  WORKER_JOB_NOT_FOUND: {
    retryable: false,
    doc: 'The message names a job that has no document in `jobs`; the gateway writes it before producing.',
  },
  WORKER_TOPIC_MISSING: {
    retryable: false,
    doc: 'A topic the worker consumes or produces to does not exist; provision topics before start.',
  },
  WORKER_DEAD_LETTER_READ_TIMEOUT: {
    retryable: true,
    doc: 'Reading the dead-letter topic to its end took longer than allowed.',
  },
} as const satisfies Record<string, { retryable: boolean; doc: string }>

export type WorkerErrorCode = keyof typeof WORKER_ERRORS

/** `new WorkerError(code, message, { cause })`: `retryable` comes from the code's entry above. */
export const WorkerError = createError('WorkerError', WORKER_ERRORS)
export type WorkerError = InstanceType<typeof WorkerError>

/** How the runtime sees a failure: a stable code, whether to retry, and a message for the headers. */
export interface Failure {
  code: string
  retryable: boolean
  message: string
}

export function classifyFailure(err: unknown): Failure {
  if (typeof err === 'object' && err !== null) {
    const { retryable, code, message } = err as { retryable?: unknown; code?: unknown; message?: unknown }
    const text = typeof message === 'string' ? message : String(err)
    if (typeof retryable === 'boolean') {
      return {
        code: typeof code === 'string' ? code : retryable ? 'WORKER_RETRYABLE' : 'WORKER_PERMANENT',
        retryable,
        message: text,
      }
    }
    return { code: 'WORKER_UNEXPECTED', retryable: true, message: text }
  }
  return { code: 'WORKER_UNEXPECTED', retryable: true, message: String(err) }
}

/**
 * The code and message to record on a job when its stage fails: the error's own string `code` when it
 * has one (whether or not it says `retryable`), else `fallbackCode`.
 */
export function describeFailure(err: unknown, fallbackCode: string): { code: string; message: string } {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  return {
    code: typeof code === 'string' ? code : fallbackCode,
    message: typeof message === 'string' ? message : String(err),
  }
}
