import type { Platform } from '@vodscope/contracts'

/**
 * Every error the platform clients throw. Codes are stable and `retryable` is what callers branch on:
 * a missing, private or unplayable video never succeeds on retry; rate limits, server errors, timeouts
 * and transient in-band errors usually do — the clients retry those themselves first, and only throw
 * them (still `retryable`) once their own attempts are spent, so the worker runtime can try later.
 */
export const PLATFORM_ERRORS = {
  notFound: {
    code: 'PLATFORM_VIDEO_NOT_FOUND',
    retryable: false,
    message: 'The video does not exist or was deleted.',
  },
  private: {
    code: 'PLATFORM_VIDEO_PRIVATE',
    retryable: false,
    message: 'The video is private or restricted.',
  },
  unavailable: {
    code: 'PLATFORM_VIDEO_UNAVAILABLE',
    retryable: false,
    message: 'The video exists but cannot be played.',
  },
  signInRequired: {
    code: 'PLATFORM_SIGN_IN_REQUIRED',
    retryable: false,
    message:
      'YouTube demands sign-in ("Sign in to confirm you\'re not a bot"): this address needs cookies of a signed-in account.',
  },
  poTokenRequired: {
    code: 'PLATFORM_PO_TOKEN_REQUIRED',
    retryable: false,
    message:
      "YouTube serves this video's streams only with a PO token (proof of origin) on every client tried.",
  },
  chatUnavailable: {
    code: 'PLATFORM_CHAT_UNAVAILABLE',
    retryable: false,
    message: 'The video has no chat replay, or the platform no longer serves it in a known shape.',
  },
  clipsUnavailable: {
    code: 'PLATFORM_CLIPS_UNAVAILABLE',
    retryable: false,
    message: 'The platform refused to list the clips, or lists them in an unknown shape.',
  },
  rateLimited: {
    code: 'PLATFORM_RATE_LIMITED',
    retryable: true,
    message: 'The platform is rate limiting requests (429).',
  },
  serverError: {
    code: 'PLATFORM_SERVER_ERROR',
    retryable: true,
    message: 'The platform answered with a server error (5xx).',
  },
  timeout: { code: 'PLATFORM_TIMEOUT', retryable: true, message: 'The platform did not answer in time.' },
  network: {
    code: 'PLATFORM_NETWORK',
    retryable: true,
    message: 'The connection to the platform failed or was reset.',
  },
  transient: {
    code: 'PLATFORM_TRANSIENT',
    retryable: true,
    message: 'The platform reported a temporary error inside an otherwise successful response.',
  },
  unexpectedStatus: {
    code: 'PLATFORM_UNEXPECTED_STATUS',
    retryable: false,
    message: 'The platform refused the request with an unexpected client error status.',
  },
  redirected: {
    code: 'PLATFORM_REDIRECTED',
    retryable: false,
    message:
      'The platform answered with a redirect (3xx) where it should answer the request itself: the API has moved.',
  },
  badResponse: {
    code: 'PLATFORM_BAD_RESPONSE',
    retryable: false,
    message: 'The response does not have the expected shape; the platform may have changed.',
  },
  invalidRequest: {
    code: 'PLATFORM_INVALID_REQUEST',
    retryable: false,
    message: 'The request cannot be made: bad video id, part or URL.',
  },
  mediaUrlRefused: {
    code: 'PLATFORM_MEDIA_URL_REFUSED',
    retryable: false,
    message: 'A media URL is not on a known media host of the platform (or not https).',
  },
  invalidConfig: {
    code: 'PLATFORM_INVALID_CONFIG',
    retryable: false,
    message: 'A platform setting is invalid.',
  },
} as const satisfies Record<string, { code: string; retryable: boolean; message: string }>

export type PlatformErrorKind = keyof typeof PLATFORM_ERRORS
export type PlatformErrorCode = (typeof PLATFORM_ERRORS)[PlatformErrorKind]['code']

export interface PlatformErrorDetails {
  platform?: Platform
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number
  /** How long the platform asked us to wait (429 `Retry-After`), ms. */
  retryAfterMs?: number
  cause?: unknown
}

export class PlatformError extends Error {
  override readonly name = 'PlatformError'
  readonly kind: PlatformErrorKind
  readonly code: PlatformErrorCode
  readonly retryable: boolean
  readonly platform: Platform | undefined
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined

  constructor(kind: PlatformErrorKind, detail?: string, details: PlatformErrorDetails = {}) {
    const entry = PLATFORM_ERRORS[kind]
    super(detail === undefined ? entry.message : `${entry.message} ${detail}`, { cause: details.cause })
    this.kind = kind
    this.code = entry.code
    this.retryable = entry.retryable
    this.platform = details.platform
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError
}
