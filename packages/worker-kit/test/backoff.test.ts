import { describe, expect, it } from 'vitest'
import { RETRY_DEFAULTS, retryDelayMs } from '../src/index.js'

const policy = { attempts: 5, baseMs: 1_000, maxMs: 10_000, jitter: 0.5 }

describe('retryDelayMs', () => {
  it('should double the nominal delay after each failure', () => {
    const none = () => 0
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, none))).toEqual([1_000, 2_000, 4_000, 8_000])
  })

  it('should cap every delay at maxMs', () => {
    expect(retryDelayMs(policy, 10, () => 0)).toBe(10_000)
    expect(retryDelayMs(policy, 5_000, () => 0)).toBe(10_000)
  })

  it('should take off at most the jitter fraction', () => {
    expect(retryDelayMs(policy, 2, () => 1)).toBe(1_000)
    for (let i = 0; i < 100; i++) {
      const delay = retryDelayMs(policy, 3)
      expect(delay).toBeGreaterThanOrEqual(2_000)
      expect(delay).toBeLessThanOrEqual(4_000)
    }
  })

  it('should default to five attempts from one second up to one minute', () => {
    expect(RETRY_DEFAULTS).toMatchObject({ attempts: 5, baseMs: 1_000, maxMs: 60_000 })
  })
})
