import { describe, expect, it } from 'vitest'
import { detectHighlights, scoreSignals } from '../src/rank/detect-highlights.js'
import { pickPeaks, windowAround } from '../src/rank/peak-picking.js'
import { movingMedian, normalise, residual } from '../src/rank/robust-score.js'

/** A deterministic pseudo-random generator, so "noise" is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Per-second LUFS: a bed at `level` ± `jitter` dB with +`gain` dB moments lasting `dur` seconds. */
function series(
  length: number,
  level: number,
  jitter: number,
  moments: number[],
  gain: number,
  dur = 6,
  seed = 1,
): number[] {
  const r = rng(seed)
  const out = Array.from({ length }, () => level + (r() * 2 - 1) * jitter)
  for (const at of moments)
    for (let t = at; t < at + dur && t < length; t++) out[t] = (out[t] as number) + gain
  return out
}

describe('robust scoring', () => {
  it('moving median ignores short bursts and skips excluded entries', () => {
    const values = [1, 1, 1, 50, 1, 1, 1]
    expect(movingMedian(values, 5, () => true)).toEqual([1, 1, 1, 1, 1, 1, 1])
    expect(movingMedian([0, 5, 5, 5], 3, (i) => i !== 0)).toEqual([5, 5, 5, 5])
  })

  it('scores a moment the same on a quiet and a loud bed', () => {
    const z = (values: number[]) =>
      normalise(
        residual(values, 300, () => true),
        1,
      )
    const quiet = z(series(1200, -40, 2, [600], 10))
    const loud = z(series(1200, -18, 2, [600], 10))
    expect(quiet[602]).toBeCloseTo(loud[602] as number, 6)
    expect(quiet[602]).toBeGreaterThan(5)
  })
})

describe('peak picking', () => {
  it('keeps the stronger of two peaks closer than the minimum gap, and top-K', () => {
    const score = Array.from({ length: 400 }, () => 0)
    score[100] = 9
    score[130] = 7 // 30 s after a stronger peak: the same moment
    score[250] = 8
    score[390] = 5
    expect(pickPeaks(score, { threshold: 4, minGapSec: 60, topK: 10 })).toEqual([
      { sec: 100, value: 9 },
      { sec: 250, value: 8 },
      { sec: 390, value: 5 },
    ])
    expect(pickPeaks(score, { threshold: 4, minGapSec: 60, topK: 2 }).map((p) => p.sec)).toEqual([100, 250])
  })

  it('counts a plateau once', () => {
    expect(pickPeaks([0, 5, 5, 5, 0], { threshold: 1, minGapSec: 1, topK: 10 })).toEqual([
      { sec: 1, value: 5 },
    ])
  })

  it('spans the seconds above a fraction of the peak plus pre- and post-roll', () => {
    const score = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 6, 8, 10, 7, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    const w = windowAround(
      score,
      { sec: 17, value: 10 },
      { fraction: 0.5, maxHalfWidthSec: 45, preRollSec: 10, postRollSec: 5 },
    )
    expect(w).toEqual({ startSec: 5, endSec: 24 })
  })
})

describe('detectHighlights', () => {
  const truth = [300, 900, 1500, 2100, 2700]

  for (const bed of [
    { name: 'steady quiet bed', level: -45, jitter: 0.5, gain: 8 },
    { name: 'busy loud bed', level: -20, jitter: 4, gain: 14 },
  ]) {
    it(`finds every moment and nothing else on a ${bed.name}`, () => {
      const loudness = series(3000, bed.level, bed.jitter, truth, bed.gain, 8, 3)
      const found = detectHighlights({ platform: 'twitch', videoId: '123', loudness })
      const peaks = found.map((h) => h.peakSec).sort((a, b) => a - b)
      expect(peaks).toHaveLength(truth.length)
      for (const [i, p] of peaks.entries()) expect(Math.abs(p - (truth[i] as number))).toBeLessThanOrEqual(5)
      for (const h of found) {
        expect(h.startSec).toBeLessThan(h.peakSec)
        expect(h.endSec).toBeGreaterThan(h.peakSec)
        expect(h.score).toBeGreaterThan(0)
        expect(h.score).toBeLessThan(1)
        expect(h.url).toBe(
          `https://www.twitch.tv/videos/123?t=${Math.floor(h.startSec / 3600)}h${Math.floor((h.startSec % 3600) / 60)}m${h.startSec % 60}s`,
        )
      }
      expect(found.map((h) => h.rank)).toEqual([1, 2, 3, 4, 5])
    })
  }

  it('ignores silence next to programme instead of flagging where sound resumes', () => {
    const loudness = [...Array.from({ length: 600 }, () => -100), ...series(1200, -30, 1, [], 0)]
    expect(detectHighlights({ platform: 'youtube', videoId: 'abcdefghijk', loudness })).toEqual([])
  })

  it('lets a chat burst lift a moderate audio moment and reports both signals', () => {
    const loudness = series(1800, -30, 2, [600, 1200], 5, 8, 5)
    const quiet = Array.from({ length: 1800 }, (_, i) => (i % 7 === 0 ? 1 : 0))
    const chatCounts = quiet.map((c, i) => (i >= 1205 && i < 1230 ? c + 6 : c))
    const scored = scoreSignals({ platform: 'soop', videoId: '1', loudness, chatCounts })
    expect(scored.fused[1204] as number).toBeGreaterThan(scored.fused[604] as number)
    const [top] = detectHighlights({ platform: 'soop', videoId: '1', loudness, chatCounts })
    expect(top?.peakSec).toBeGreaterThan(1195)
    expect(top?.peakSec).toBeLessThan(1215)
    expect(top?.signals.chat).toBeGreaterThan(0)
    expect(top?.signals.audio).toBeGreaterThan(0)
  })
})

describe('scores that tell moments apart', () => {
  const input = (loudness: number[], chatCounts?: number[]) => ({
    platform: 'twitch' as const,
    videoId: '1',
    loudness,
    ...(chatCounts ? { chatCounts } : {}),
  })
  /** Six moments 5 min apart on a bed (± `jitter` dB), each `step` dB louder than the one before it. */
  const graded = (step: number, jitter = 3) => {
    const out = series(2400, -30, jitter, [], 0)
    const at = [300, 600, 900, 1200, 1500, 1800]
    at.forEach((t, i) => {
      for (let s = t; s < t + 6; s++) out[s] = (out[s] as number) + 6 + step * i
    })
    return { loudness: out, at }
  }
  const scoreAt = (highlights: ReturnType<typeof detectHighlights>, sec: number) => {
    const h = highlights.find((x) => Math.abs(x.peakSec - sec) <= 6)
    expect(h, `a highlight at ${sec} s`).toBeDefined()
    return h!
  }

  it('should score a louder moment higher, and report how much louder it is in dB', () => {
    const { loudness, at } = graded(3)
    const found = detectHighlights(input(loudness))
    const scores = at.map((t) => scoreAt(found, t + 2).score)
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1] as number)
    const db = at.map((t) => scoreAt(found, t + 2).evidence?.loudnessDb ?? 0)
    for (let i = 1; i < db.length; i++) expect(db[i]).toBeGreaterThan(db[i - 1] as number)
    // Not saturated: the loudest scores clearly above the faintest.
    expect((scores.at(-1) as number) - (scores[0] as number)).toBeGreaterThan(0.15)
  })

  it('should score a busier chat burst higher at equal loudness, with its rate beside the usual one', () => {
    const { loudness, at } = graded(0, 0) // every moment equally loud on a steady bed
    const counts = Array.from({ length: loudness.length }, (_, s): number => (s % 6 === 0 ? 1 : 0)) // 10/min
    at.forEach((t, i) => {
      for (let s = t + 3; s < t + 23; s++) counts[s] = (counts[s] as number) + 1 + i // 60–360 extra/min
    })
    const found = detectHighlights(input(loudness, counts))
    const hs = at.map((t) => scoreAt(found, t + 2))
    for (let i = 1; i < hs.length; i++) expect(hs[i]!.score).toBeGreaterThan(hs[i - 1]!.score)
    expect(hs[0]!.evidence?.usualChatPerMin).toBe(10)
    const rates = hs.map((h) => h.evidence?.chatPerMin ?? 0)
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1] as number)
  })

  it('should give a ranking without chat no chat evidence', () => {
    const found = detectHighlights(input(graded(3).loudness))
    expect(found.length).toBeGreaterThan(0)
    for (const h of found) expect(h.evidence).toEqual({ loudnessDb: expect.any(Number) })
  })
})
