import { CodedError } from '@vodscope/contracts'

/**
 * The gateway's error catalogue. Every error response is `{ code, message, details? }` with a code from
 * this table; codes are stable, clients branch on `code` and `retryable`, never on message text.
 * The OpenAPI document lists the table (see schemas/errors.ts), and a test keeps both in step.
 */
export const GATEWAY_ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    retryable: false,
    description: 'The request does not match its schema; `details` names the failing field.',
  },
  INVALID_JSON: { status: 400, retryable: false, description: 'The body is not valid JSON.' },
  UNAUTHORIZED: {
    status: 401,
    retryable: false,
    description:
      'An API key is required (header `x-api-key` or `Authorization: Bearer`) and was missing or wrong.',
  },
  HOST_NOT_ALLOWED: {
    status: 403,
    retryable: false,
    description:
      'The `Host` header names a host the gateway does not serve (see `VODSCOPE_GATEWAY_ALLOWED_HOSTS`); this refuses DNS rebinding.',
  },
  OPERATOR_KEY_REQUIRED: {
    status: 403,
    retryable: false,
    description:
      'This endpoint changes the pipeline and needs `VODSCOPE_GATEWAY_API_KEYS` set when the gateway listens beyond loopback.',
  },
  NOT_FOUND: { status: 404, retryable: false, description: 'No route matches the method and path.' },
  JOB_NOT_FOUND: { status: 404, retryable: false, description: 'No job has this id.' },
  VIDEO_NOT_FOUND: {
    status: 404,
    retryable: false,
    description: 'No video with this key has been extracted yet.',
  },
  BODY_TOO_LARGE: {
    status: 413,
    retryable: false,
    description: 'The body is larger than the configured limit.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    retryable: false,
    description: 'The body must be `application/json`.',
  },
  ALL_LINKS_REJECTED: {
    status: 422,
    retryable: false,
    description: 'Every link was rejected; `details.results` gives the reason for each one.',
  },
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    description: 'Too many requests from this client; retry after the `Retry-After` header.',
  },
  INTERNAL_ERROR: {
    status: 500,
    retryable: true,
    description: 'An unexpected error; the log has the details.',
  },
  BROKER_UNAVAILABLE: {
    status: 503,
    retryable: true,
    description:
      'Kafka did not acknowledge the links in time, so none was accepted. Retry after `Retry-After`; resubmitting is safe.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    description: 'MongoDB did not answer in time. Retry after `Retry-After`.',
  },
} as const satisfies Record<string, { status: number; retryable: boolean; description: string }>

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS

/** Seconds a client should wait before retrying a retryable 429/503. */
export const RETRY_AFTER_SEC = {
  RATE_LIMITED: 1,
  BROKER_UNAVAILABLE: 2,
  DATABASE_UNAVAILABLE: 2,
} as const satisfies Partial<Record<GatewayErrorCode, number>>

/** On the one error base; beside its code it carries the HTTP status and optional `details`. */
export class GatewayError extends CodedError<GatewayErrorCode> {
  override readonly name = 'GatewayError'
  readonly statusCode: number

  constructor(
    code: GatewayErrorCode,
    message: string = GATEWAY_ERRORS[code].description,
    readonly details?: unknown,
  ) {
    super(code, message, GATEWAY_ERRORS[code].retryable)
    this.statusCode = GATEWAY_ERRORS[code].status
  }
}

export function isGatewayErrorCode(value: unknown): value is GatewayErrorCode {
  return typeof value === 'string' && Object.hasOwn(GATEWAY_ERRORS, value)
}

/** A database failure as the client sees it: 503 DATABASE_UNAVAILABLE, the cause kept for the log. */
export function databaseUnavailable(cause: unknown): GatewayError {
  if (cause instanceof GatewayError) return cause
  const error = new GatewayError('DATABASE_UNAVAILABLE', 'MongoDB did not answer in time. Retry later.')
  error.cause = cause
  return error
}
