import { describe, expect, it } from 'vitest'
import { findChatMoments, movingMean } from '../src/core/chat-moments.js'
import { computeChatSignal } from '../src/core/chat-signal.js'

/** Deterministic generator so the series, and the test, are the same on every run. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function poisson(lambda: number, next: () => number): number {
  const limit = Math.exp(-lambda)
  let k = 0
  let p = next()
  while (p > limit) {
    k++
    p *= next()
  }
  return k
}

/** A chat series with a slowly drifting base rate and bursts of `factor`× for `lengthSec`. */
function series(durationSec: number, bursts: number[], seed = 1, factor = 5, lengthSec = 30) {
  const next = random(seed)
  return Array.from({ length: durationSec }, (_, s) => {
    const base = 4 + 2 * Math.sin(s / 900)
    const inBurst = bursts.some((b) => s >= b && s < b + lengthSec)
    return poisson(inBurst ? base * factor : base, next)
  })
}

describe('findChatMoments', () => {
  it('should find every burst within ±10 s and nothing else', () => {
    const bursts = [300, 1200, 1900, 2600, 3300]
    const moments = findChatMoments(series(3600, bursts), {
      smoothSec: 10,
      baselineSec: 300,
      minGapSec: 60,
      topK: 10,
      minRatio: 1.8,
      minZ: 4,
    })
    const hits = bursts.filter((b) => moments.some((m) => Math.abs(m.startSec - b) <= 10))
    expect(hits).toEqual(bursts)
    expect(moments).toHaveLength(bursts.length)
  })

  it('should rank the strongest burst first', () => {
    const s = series(1800, [600])
    for (let i = 1200; i < 1230; i++) s[i] = (s[i] ?? 0) + 100
    const [first] = findChatMoments(s)
    expect(Math.abs((first?.startSec ?? 0) - 1200)).toBeLessThanOrEqual(3)
    expect(Math.abs((first?.endSec ?? 0) - 1230)).toBeLessThanOrEqual(3)
    expect(first?.peakSec).toBeGreaterThan(1200)
    expect(first?.peakSec).toBeLessThan(1230)
  })

  it('should keep moments at least minGapSec apart and at most topK of them', () => {
    const bursts = Array.from({ length: 20 }, (_, i) => 200 + i * 150)
    const moments = findChatMoments(series(3600, bursts), {
      smoothSec: 10,
      baselineSec: 300,
      minGapSec: 100,
      topK: 5,
      minRatio: 1.5,
      minZ: 3,
    })
    expect(moments).toHaveLength(5)
    for (const a of moments) {
      for (const b of moments)
        if (a !== b) expect(Math.abs(a.peakSec - b.peakSec)).toBeGreaterThanOrEqual(100)
    }
  })

  it('should find nothing in steady chat or in silence', () => {
    expect(findChatMoments(series(3600, []))).toEqual([])
    expect(findChatMoments(new Array(600).fill(0))).toEqual([])
    expect(findChatMoments([])).toEqual([])
  })
})

describe('movingMean', () => {
  it('should average a centred window and shrink it at the ends', () => {
    expect(movingMean([0, 10, 0, 10, 5], 3)).toEqual([5, 10 / 3, 20 / 3, 5, 7.5])
  })
})

describe('computeChatSignal', () => {
  it('should stitch chunks and summarise them', () => {
    const signal = computeChatSignal(
      [
        { startSec: 0, counts: [1, 1], chatters: [{ minute: 0, authorIds: ['a', 'b'] }] },
        { startSec: 60, counts: [3], chatters: [{ minute: 1, authorIds: ['a'] }] },
      ],
      120,
    )
    expect(signal.messageCount).toBe(5)
    expect(signal.uniqueChatters).toBe(2)
    // Seconds 1–60 hold 1 + 3 messages.
    expect(signal.peakRatePerMin).toBe(4)
    expect(signal.chattersPerMinute).toEqual([2, 1])
  })
})
