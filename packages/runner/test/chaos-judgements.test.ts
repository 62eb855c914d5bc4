import { describe, expect, it } from 'vitest'
import { judgeFlat, type SoakSample } from '../src/chaos/scenarios/soak.js'
import { chaosSizes } from '../src/chaos/sizes.js'

/** `n` samples whose RSS and lag follow the given functions of the sample's index. */
function samples(
  n: number,
  rss: (i: number) => number,
  lag: (i: number) => number | undefined,
): SoakSample[] {
  return Array.from({ length: n }, (_, i) => ({
    at: i * 10_000,
    rssMb: { 'gateway#1': 150 + (i % 3) * 10, 'extractor#1': rss(i) },
    lag: lag(i),
  }))
}

describe('judgeFlat (soak)', () => {
  it('passes memory and lag that swing around a level', () => {
    const verdict = judgeFlat(
      samples(
        30,
        (i) => 180 + (i % 4) * 15,
        (i) => (i % 5) * 40,
      ),
    )
    expect(verdict.problems).toEqual([])
    expect(verdict.rss).toHaveLength(2)
  })

  it('ignores the warm-up: a climb in the first fifth is not growth', () => {
    const verdict = judgeFlat(
      samples(
        30,
        (i) => (i < 6 ? 80 + i * 30 : 230),
        () => 10,
      ),
    )
    expect(verdict.problems).toEqual([])
  })

  it('flags a process whose memory keeps climbing', () => {
    const verdict = judgeFlat(
      samples(
        30,
        (i) => 180 + i * 6,
        () => 10,
      ),
    )
    expect(verdict.problems).toEqual([expect.stringMatching(/^extractor#1 RSS grew from \d+ to \d+ MB$/)])
  })

  it('flags lag that keeps growing (the pipeline falls behind)', () => {
    const verdict = judgeFlat(
      samples(
        30,
        () => 200,
        (i) => i * 50,
      ),
    )
    expect(verdict.problems).toEqual([expect.stringMatching(/^consumer lag grew from \d+ to \d+ messages$/)])
  })

  it('refuses to judge a run with too few samples, and a lag that was never read', () => {
    expect(
      judgeFlat(
        samples(
          5,
          () => 200,
          () => 0,
        ),
      ).problems,
    ).toEqual(['too few samples to judge'])
    expect(
      judgeFlat(
        samples(
          30,
          () => 200,
          () => undefined,
        ),
      ).problems,
    ).toEqual(['consumer lag could not be read'])
  })
})

describe('chaosSizes', () => {
  it('gives small sizes by default, the issue sizes with full, and lets the environment win', () => {
    expect(chaosSizes(false, {}).soakMin).toBe(3)
    expect(chaosSizes(true, {})).toMatchObject({ links: 500, longVods: 3, longVodMin: 120, soakMin: 30 })
    expect(chaosSizes(true, { CHAOS_SOAK_MIN: '5', CHAOS_SOAK_RATE: '0.5' })).toMatchObject({
      soakMin: 5,
      soakRatePerSec: 0.5,
    })
  })

  it('names the variable of a value that is not a non-negative number', () => {
    expect(() => chaosSizes(false, { CHAOS_LINKS: 'many' })).toThrow(
      'CHAOS_LINKS must be a non-negative number, got "many"',
    )
    expect(() => chaosSizes(false, { CHAOS_RATE: '-1' })).toThrow(/CHAOS_RATE/)
  })
})
