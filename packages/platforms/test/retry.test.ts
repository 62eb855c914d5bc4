import { describe, expect, it } from 'vitest'
import { PLATFORMS_DEFAULTS } from '../src/config.js'
import { backoffMs, parseRetryAfter } from '../src/http/retry.js'

describe('retry timing', () => {
  it('should read Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter('0.5')).toBe(500)
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(5000)
    expect(parseRetryAfter(undefined)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
  })

  it('should back off exponentially between half and all of each step, up to the cap', () => {
    const options = PLATFORMS_DEFAULTS.retry
    expect(backoffMs(0, options, () => 0)).toBe(125)
    expect(backoffMs(0, options, () => 1)).toBe(250)
    expect(backoffMs(3, options, () => 0.5)).toBe(1500)
    expect(backoffMs(20, options, () => 1)).toBe(options.maxDelayMs)
  })
})
