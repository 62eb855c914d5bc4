/**
 * The one error base of the project. Each package or app keeps one table of its codes (stable: job
 * documents, dead-letter headers and HTTP answers carry them) and gets its error class from
 * `createError`; consumers branch on `code` and `retryable`, never on message text.
 * (fastify lib/errors.js: one table, one factory; kafkajs: one base whose kinds only set `retriable`.)
 */
export interface ErrorEntry {
  /** Whether the same work may succeed later (a timeout, a 5xx) rather than never (bad input). */
  retryable: boolean
}

export type ErrorTable = Readonly<Record<string, ErrorEntry>>

export class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** The constructor `createError` returns: `new AudioError('AUDIO_TRUNCATED', message, { cause })`. */
export interface CodedErrorClass<C extends string> {
  new (code: C, message: string, options?: { cause?: unknown }): CodedError<C>
}

/** The error class of one table: its instances are named `name` and take `retryable` from their code. */
export function createError<const T extends ErrorTable>(
  name: string,
  table: T,
): CodedErrorClass<keyof T & string> {
  return class extends CodedError<keyof T & string> {
    override readonly name = name
    constructor(code: keyof T & string, message: string, options?: { cause?: unknown }) {
      // Reached without the types' guarantee only (a cast, plain JavaScript): name the stray code.
      const entry = table[code]
      if (entry === undefined) throw new TypeError(`${name}: no such code ${code}`)
      super(code, message, entry.retryable, options)
    }
  }
}

/**
 * Errors of the contracts package. A payload that fails its contract never succeeds on retry, so every
 * code is permanent.
 */
export const CONTRACT_ERRORS = {
  CONTRACT_INVALID_JSON: 'The payload is not valid JSON.',
  CONTRACT_INVALID_PAYLOAD: 'The payload does not match its schema.',
  CONTRACT_UNSUPPORTED_VERSION: 'The payload carries a schema version this consumer does not read.',
} as const

export type ContractErrorCode = keyof typeof CONTRACT_ERRORS

export class ContractError extends CodedError<ContractErrorCode> {
  override readonly name = 'ContractError'
  declare readonly retryable: false

  constructor(
    code: ContractErrorCode,
    message: string,
    /** JSON pointer of the first failing value, e.g. `/links/3`. */
    readonly path: string = '',
  ) {
    super(code, message, false)
  }
}
