import { CONTRACT_ERRORS, CodedError } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { PLATFORM_ERRORS, PlatformError, type PlatformErrorCode } from '../src/index.js'

describe('error catalogue', () => {
  const entries = Object.entries(PLATFORM_ERRORS) as [
    PlatformErrorCode,
    (typeof PLATFORM_ERRORS)[PlatformErrorCode],
  ][]

  it('should give every error a stable-looking PLATFORM_ code that no other catalogue uses', () => {
    for (const [code] of entries) {
      expect(code).toMatch(/^PLATFORM_[A-Z_]+$/)
      expect(Object.keys(CONTRACT_ERRORS)).not.toContain(code)
    }
  })

  it('should document every error and flag whether it is retryable', () => {
    for (const [code, entry] of entries) {
      expect(entry.doc.length, code).toBeGreaterThan(10)
      expect(typeof entry.retryable, code).toBe('boolean')
    }
  })

  it('should make missing, private and unplayable videos final, and overload retryable', () => {
    const retryable = Object.fromEntries(entries.map(([code, e]) => [code, e.retryable]))
    expect(retryable).toMatchObject({
      PLATFORM_VIDEO_NOT_FOUND: false,
      PLATFORM_VIDEO_PRIVATE: false,
      PLATFORM_VIDEO_UNAVAILABLE: false,
      PLATFORM_CHAT_UNAVAILABLE: false,
    })
    expect(retryable).toMatchObject({
      PLATFORM_RATE_LIMITED: true,
      PLATFORM_SERVER_ERROR: true,
      PLATFORM_TIMEOUT: true,
      PLATFORM_NETWORK: true,
      PLATFORM_TRANSIENT: true,
    })
  })

  it('should take retryable from the entry of its code, on the shared error base', () => {
    for (const [code, entry] of entries) {
      const error = new PlatformError(code)
      expect(error, code).toBeInstanceOf(CodedError)
      expect(error, code).toMatchObject({ name: 'PlatformError', code, retryable: entry.retryable })
      expect(error.message, code).toBe(entry.doc)
    }
  })

  it('should carry code, retryable and details on the thrown error', () => {
    const cause = new Error('socket hang up')
    const error = new PlatformError('PLATFORM_RATE_LIMITED', 'gql answered 429.', {
      platform: 'twitch',
      status: 429,
      retryAfterMs: 2000,
      cause,
    })
    expect(error).toMatchObject({
      name: 'PlatformError',
      code: 'PLATFORM_RATE_LIMITED',
      retryable: true,
      platform: 'twitch',
      status: 429,
      retryAfterMs: 2000,
      cause,
    })
    expect(error.message).toBe(`${PLATFORM_ERRORS.PLATFORM_RATE_LIMITED.doc} gql answered 429.`)
  })
})
