import { createError } from '@vodscope/contracts'

/**
 * Errors of the chat crawler. Codes are stable: job documents and dead-letter headers carry them, and
 * worker-kit routes on `retryable`, never on message text.
 */
export const CHAT_ERRORS = {
  CHAT_STATS_INCOMPLETE: {
    retryable: true,
    doc: 'The fan-in completed but not every chunk has stats stored yet; the join is retried.',
  },
  CHAT_CRAWL_RUNAWAY: {
    retryable: false,
    doc: 'The upstream served more pages than a chunk of this length can hold; the crawl is stopped.',
  },
  CHAT_CURSOR_STUCK: {
    retryable: false,
    doc: 'The upstream served the same page again (its cursor does not advance); the crawl is stopped.',
  },
} as const satisfies Record<string, { retryable: boolean; doc: string }>

export type ChatErrorCode = keyof typeof CHAT_ERRORS

/** `new ChatError(code, message)`: `retryable` comes from the code's entry above. */
export const ChatError = createError('ChatError', CHAT_ERRORS)
export type ChatError = InstanceType<typeof ChatError>
