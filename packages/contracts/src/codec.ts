import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { Static, TSchema } from 'typebox'
import { ContractError } from './errors.js'

/**
 * One strict Ajv for every Kafka payload: no type coercion, no defaults, no removal of fields, so a
 * consumer sees exactly what the producer sent, or an error that names the failing path.
 */
const ajv = new Ajv({
  strict: true,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  allErrors: false,
})
addFormats.default(ajv, ['date-time'])

interface RangeKeyword {
  start: string
  end: string
  maxSec: number
}

/**
 * `range: { start, end, maxSec }` on an object: `start <= end` and `end - start <= maxSec`. JSON
 * Schema cannot compare two fields; without this a chunk of `endSec: 4e8` passes every field's bounds.
 */
const rangeCheck = (keyword: RangeKeyword, data: unknown): boolean => {
  if (!isRecord(data)) return true
  const start = data[keyword.start]
  const end = data[keyword.end]
  if (typeof start !== 'number' || typeof end !== 'number') return true
  return start <= end && end - start <= keyword.maxSec
}
ajv.addKeyword({
  keyword: 'range',
  type: 'object',
  schemaType: 'object',
  validate: rangeCheck,
  error: { message: 'must have start <= end and a range no longer than its maximum' },
})

export interface Codec<T> {
  /** Validates then serialises; a producer can never emit a message its consumers would reject. */
  encode(value: T): Buffer
  /** Parses and validates; throws a ContractError that names the failing path. */
  decode(data: Buffer | string | null | undefined): T
  /** Validates a value already in memory; throws like `decode`. */
  check(value: unknown): T
}

export function createCodec<S extends TSchema>(schema: S, name: string): Codec<Static<S>> {
  const validate: ValidateFunction = ajv.compile(schema)
  const expectedVersion = versionOf(schema)

  const check = (value: unknown): Static<S> => {
    if (expectedVersion !== undefined && isRecord(value) && value.version !== expectedVersion) {
      throw new ContractError(
        'CONTRACT_UNSUPPORTED_VERSION',
        `${name}: version ${JSON.stringify(value.version)} is not supported (expected ${expectedVersion})`,
        '/version',
      )
    }
    if (!validate(value)) {
      const first = validate.errors?.[0]
      throw new ContractError(
        'CONTRACT_INVALID_PAYLOAD',
        `${name}: ${describe(first)}`,
        first?.instancePath ?? '',
      )
    }
    return value as Static<S>
  }

  return {
    encode: (value) => Buffer.from(JSON.stringify(check(value))),
    decode: (data) => {
      if (data === null || data === undefined) {
        throw new ContractError('CONTRACT_INVALID_JSON', `${name}: the message has no value`)
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'))
      } catch (err) {
        throw new ContractError('CONTRACT_INVALID_JSON', `${name}: ${(err as Error).message}`)
      }
      return check(parsed)
    },
    check,
  }
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'invalid'
  const at = error.instancePath === '' ? 'the payload' : error.instancePath
  const extra =
    error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : ''
  return `${at} ${error.message ?? 'is invalid'}${extra}`
}

function versionOf(schema: TSchema): number | undefined {
  const props = (schema as { properties?: Record<string, { const?: unknown }> }).properties
  const version = props?.version?.const
  return typeof version === 'number' ? version : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
