import { describe, expect, it } from 'vitest'
import { CodedError, ContractError, createError } from '../src/index.js'

const TABLE = {
  DEMO_LATER: { retryable: true, doc: 'Try again.' },
  DEMO_NEVER: { retryable: false, doc: 'Give up.' },
} as const
const DemoError = createError('DemoError', TABLE)

describe('createError', () => {
  it("should take retryable from the code's entry and name the error after its table", () => {
    const later = new DemoError('DEMO_LATER', 'upstream 503')
    expect(later).toMatchObject({
      name: 'DemoError',
      code: 'DEMO_LATER',
      retryable: true,
      message: 'upstream 503',
    })
    expect(new DemoError('DEMO_NEVER', 'gone').retryable).toBe(false)
    expect(later).toBeInstanceOf(DemoError)
    expect(later).toBeInstanceOf(CodedError)
  })

  it('should keep the cause', () => {
    const cause = new Error('socket hang up')
    expect(new DemoError('DEMO_LATER', 'x', { cause }).cause).toBe(cause)
  })

  it('should refuse a code its table does not have', () => {
    expect(() => new DemoError('DEMO_OTHER' as 'DEMO_LATER', 'x')).toThrow(
      /DemoError: no such code DEMO_OTHER/,
    )
  })

  it('should put ContractError on the same base, never retryable', () => {
    const error = new ContractError('CONTRACT_INVALID_JSON', 'not json', '/links/0')
    expect(error).toBeInstanceOf(CodedError)
    expect(error).toMatchObject({ name: 'ContractError', retryable: false, path: '/links/0' })
  })
})
