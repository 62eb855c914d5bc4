import { describe, expect, it } from 'vitest'
import { createRng, hashString } from '../src/model/rng.js'

describe('createRng', () => {
  it('should give the same sequence for the same key and a different one for another key', () => {
    const a = createRng(1, 'twitch', '123')
    const b = createRng(1, 'twitch', '123')
    const c = createRng(2, 'twitch', '123')
    const seqA = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA)
  })

  it('should keep int, poisson and hex within their ranges', () => {
    const rng = createRng('ranges')
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(5, 9)
      expect(n).toBeGreaterThanOrEqual(5)
      expect(n).toBeLessThan(9)
      expect(rng.poisson(3)).toBeGreaterThanOrEqual(0)
    }
    expect(rng.hex(13)).toMatch(/^[0-9a-f]{13}$/)
  })

  it('should draw poisson counts around their mean', () => {
    const rng = createRng('poisson')
    for (const lambda of [4, 200]) {
      const mean = Array.from({ length: 2000 }, () => rng.poisson(lambda)).reduce((s, x) => s + x, 0) / 2000
      expect(Math.abs(mean - lambda)).toBeLessThan(lambda * 0.1)
    }
  })

  it('should spread nearby keys', () => {
    expect(hashString('twitch:1')).not.toBe(hashString('twitch:2'))
  })
})
