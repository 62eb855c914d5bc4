import { describe, expect, it } from 'vitest'
import { clipAgreement, randomBaseline } from '../src/agreement.js'

/** mulberry32: a seeded generator, so the simulation below always draws the same placements. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hl = (rank: number, startSec: number, endSec: number) => ({ rank, startSec, endSec })

describe('clip agreement', () => {
  it('should count a clip inside when its offset is in [start, end) of a top-10 highlight', () => {
    const highlights = [hl(1, 100, 140), hl(2, 500, 530), hl(11, 900, 960)]
    const clips = [100, 139.9, 140, 515, 930, 10].map((offsetSec, i) => ({ offsetSec, id: i }))
    const result = clipAgreement(clips, highlights, 3600)
    expect(result.rows.map((r) => r.highlightRank)).toEqual([1, 1, null, 2, null, null])
    expect(result.inside).toBe(3)
    expect(result.share).toBe(0.5)
    // Only ranks 1–10 count: the 11th highlight is left out of the comparison and of the baseline.
    expect(result.highlights.map((h) => h.rank)).toEqual([1, 2])
    expect(result.coverage).toBeCloseTo(70 / 3600, 12)
  })

  it('should give the exact chance of one random range covering an instant, lower near the ends', () => {
    // D = 100, L = 10: starts uniform on [0, 90]; t = 50 is covered for starts in (40, 50].
    expect(randomBaseline([50], [10], 100)).toBeCloseTo(10 / 90, 12)
    expect(randomBaseline([5], [10], 100)).toBeCloseTo(5 / 90, 12)
    expect(randomBaseline([99], [10], 100)).toBeCloseTo(1 / 90, 12)
    // Two independent ranges miss t only if both miss it.
    expect(randomBaseline([50], [10, 20], 100)).toBeCloseTo(1 - (1 - 10 / 90) * (1 - 20 / 80), 12)
    // A range as long as the VOD covers every instant in it; nothing covers an instant outside it.
    expect(randomBaseline([0, 99.5], [100], 100)).toBe(1)
    expect(randomBaseline([-1, 100], [10], 100)).toBe(0)
  })

  it('should match a seeded simulation of ten ranges placed at random', () => {
    const durationSec = 7200
    const lengths = [41, 38, 45, 33, 40, 52, 36, 44, 39, 47]
    const offsets = [3, 250, 1800, 3605, 5000, 7190, 7199]
    const random = seeded(19)
    const trials = 40_000
    let hits = 0
    for (let trial = 0; trial < trials; trial++) {
      const starts = lengths.map((l) => random() * (durationSec - l))
      for (const t of offsets) if (starts.some((s, i) => t >= s && t < s + lengths[i]!)) hits++
    }
    const simulated = hits / (trials * offsets.length)
    // Standard error of the simulated share is about 0.001 here; 0.004 is four of them.
    expect(Math.abs(randomBaseline(offsets, lengths, durationSec) - simulated)).toBeLessThan(0.004)
  })

  it('should report no share and no baseline without clips', () => {
    const result = clipAgreement([], [hl(1, 0, 30)], 600)
    expect(result).toMatchObject({ inside: 0, share: null, baseline: null })
  })

  it('should count overlapping highlights once in the coverage', () => {
    const result = clipAgreement([{ offsetSec: 5 }], [hl(1, 0, 30), hl(2, 20, 40)], 100)
    expect(result.coverage).toBeCloseTo(0.4, 12)
  })
})
