/**
 * Errors of the contracts package. Codes are stable: consumers and clients branch on `code` and
 * `retryable`, never on message text. A payload that fails its contract never succeeds on retry.
 */
export const CONTRACT_ERRORS = {
  CONTRACT_INVALID_JSON: 'The payload is not valid JSON.',
  CONTRACT_INVALID_PAYLOAD: 'The payload does not match its schema.',
  CONTRACT_UNSUPPORTED_VERSION: 'The payload carries a schema version this consumer does not read.',
} as const

export type ContractErrorCode = keyof typeof CONTRACT_ERRORS

export class ContractError extends Error {
  override readonly name = 'ContractError'
  readonly retryable = false

  constructor(
    readonly code: ContractErrorCode,
    message: string,
    /** JSON pointer of the first failing value, e.g. `/links/3`. */
    readonly path: string = '',
  ) {
    super(message)
  }
}
