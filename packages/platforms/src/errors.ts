import { createError, type Platform } from '@vodscope/contracts'

/**
 * Every error the platform clients throw. Codes are stable and `retryable` is what callers branch on:
 * a missing, private or unplayable video never succeeds on retry; rate limits, server errors, timeouts
 * and transient in-band errors usually do — the clients retry those themselves first, and only throw
 * them (still `retryable`) once their own attempts are spent, so the worker runtime can try later.
 */
export const PLATFORM_ERRORS = {
  PLATFORM_VIDEO_NOT_FOUND: { retryable: false, doc: 'The video does not exist or was deleted.' },
  PLATFORM_VIDEO_PRIVATE: { retryable: false, doc: 'The video is private or restricted.' },
  PLATFORM_VIDEO_UNAVAILABLE: { retryable: false, doc: 'The video exists but cannot be played.' },
  PLATFORM_SIGN_IN_REQUIRED: {
    retryable: false,
    doc: 'YouTube demands sign-in ("Sign in to confirm you\'re not a bot"): this address needs cookies of a signed-in account.',
  },
  PLATFORM_PO_TOKEN_REQUIRED: {
    retryable: false,
    doc: "YouTube serves this video's streams only with a PO token (proof of origin) on every client tried.",
  },
  PLATFORM_CHAT_UNAVAILABLE: {
    retryable: false,
    doc: 'The video has no chat replay, or the platform no longer serves it in a known shape.',
  },
  PLATFORM_CLIPS_UNAVAILABLE: {
    retryable: false,
    doc: 'The platform refused to list the clips, or lists them in an unknown shape.',
  },
  PLATFORM_RATE_LIMITED: { retryable: true, doc: 'The platform is rate limiting requests (429).' },
  PLATFORM_SERVER_ERROR: { retryable: true, doc: 'The platform answered with a server error (5xx).' },
  PLATFORM_TIMEOUT: { retryable: true, doc: 'The platform did not answer in time.' },
  PLATFORM_NETWORK: { retryable: true, doc: 'The connection to the platform failed or was reset.' },
  PLATFORM_TRANSIENT: {
    retryable: true,
    doc: 'The platform reported a temporary error inside an otherwise successful response.',
  },
  PLATFORM_UNEXPECTED_STATUS: {
    retryable: false,
    doc: 'The platform refused the request with an unexpected client error status.',
  },
  PLATFORM_REDIRECTED: {
    retryable: false,
    doc: 'The platform answered with a redirect (3xx) where it should answer the request itself: the API has moved.',
  },
  PLATFORM_BAD_RESPONSE: {
    retryable: false,
    doc: 'The response does not have the expected shape; the platform may have changed.',
  },
  PLATFORM_INVALID_REQUEST: {
    retryable: false,
    doc: 'The request cannot be made: bad video id, part or URL.',
  },
  PLATFORM_MEDIA_URL_REFUSED: {
    retryable: false,
    doc: 'A media URL is not on a known media host of the platform (or not https).',
  },
  PLATFORM_INVALID_CONFIG: { retryable: false, doc: 'A platform setting is invalid.' },
} as const satisfies Record<string, { retryable: boolean; doc: string }>

export type PlatformErrorCode = keyof typeof PLATFORM_ERRORS

export interface PlatformErrorDetails {
  platform?: Platform
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number
  /** How long the platform asked us to wait (429 `Retry-After`), ms. */
  retryAfterMs?: number
  cause?: unknown
}

/**
 * `new PlatformError(code, detail?, details?)`: on the shared base (name, code and `retryable` from the
 * table above), plus what the response said. The message is the code's doc, then `detail` when given.
 */
export class PlatformError extends createError('PlatformError', PLATFORM_ERRORS) {
  readonly platform: Platform | undefined
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined

  constructor(code: PlatformErrorCode, detail?: string, details: PlatformErrorDetails = {}) {
    const { doc } = PLATFORM_ERRORS[code]
    super(code, detail === undefined ? doc : `${doc} ${detail}`, { cause: details.cause })
    this.platform = details.platform
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError
}
