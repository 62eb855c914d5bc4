import { describe, expect, it } from 'vitest'
import { KWeighting, preFilter, rlbFilter } from '../src/loudness/k-weighting.js'

describe('K-weighting', () => {
  it('reproduces the BS.1770 coefficient table at 48 kHz', () => {
    const pre = preFilter(48_000)
    expect(pre.b0).toBeCloseTo(1.53512485958697, 10)
    expect(pre.b1).toBeCloseTo(-2.69169618940638, 10)
    expect(pre.b2).toBeCloseTo(1.19839281085285, 10)
    expect(pre.a1).toBeCloseTo(-1.69065929318241, 10)
    expect(pre.a2).toBeCloseTo(0.73248077421585, 10)
    const rlb = rlbFilter(48_000)
    expect(rlb.a1).toBeCloseTo(-1.99004745483398, 10)
    expect(rlb.a2).toBeCloseTo(0.99007225036621, 10)
  })

  it('gives a 1 kHz sine about +0.7 dB and removes DC at 8 kHz', () => {
    const rate = 8000
    const sine = Int16Array.from({ length: rate * 2 }, (_, i) =>
      Math.round(16384 * Math.sin((2 * Math.PI * 997 * i) / rate)),
    )
    const k = new KWeighting(rate)
    k.sumSquares(sine, 0, rate) // settle the filters
    const gainDb = 10 * Math.log10(k.sumSquares(sine, rate, rate) / rate / 0.125)
    expect(gainDb).toBeGreaterThan(0.4)
    expect(gainDb).toBeLessThan(1.0)

    const dc = new Int16Array(rate * 2).fill(8000)
    const d = new KWeighting(rate)
    d.sumSquares(dc, 0, rate)
    expect(d.sumSquares(dc, rate, rate) / rate).toBeLessThan(1e-6)
  })
})
