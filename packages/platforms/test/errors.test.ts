import { describe, expect, it } from 'vitest'
import { PLATFORM_ERRORS, PlatformError } from '../src/index.js'

describe('error catalogue', () => {
  const entries = Object.entries(PLATFORM_ERRORS)

  it('should give every error a unique, stable-looking code', () => {
    const codes = entries.map(([, e]) => e.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(code).toMatch(/^PLATFORM_[A-Z_]+$/)
  })

  it('should document every error', () => {
    for (const [, entry] of entries) expect(entry.message.length).toBeGreaterThan(10)
  })

  it('should make missing, private and unplayable videos final, and overload retryable', () => {
    const retryable = Object.fromEntries(entries.map(([kind, e]) => [kind, e.retryable]))
    expect(retryable).toMatchObject({
      notFound: false,
      private: false,
      unavailable: false,
      chatUnavailable: false,
    })
    expect(retryable).toMatchObject({
      rateLimited: true,
      serverError: true,
      timeout: true,
      network: true,
      transient: true,
    })
  })

  it('should carry code, retryable and details on the thrown error', () => {
    const error = new PlatformError('rateLimited', 'gql answered 429.', {
      platform: 'twitch',
      status: 429,
      retryAfterMs: 2000,
    })
    expect(error).toMatchObject({
      name: 'PlatformError',
      code: 'PLATFORM_RATE_LIMITED',
      retryable: true,
      platform: 'twitch',
      status: 429,
      retryAfterMs: 2000,
    })
    expect(error.message).toContain('gql answered 429.')
  })
})
