import { HighlightError, lufs, SILENCE_FLOOR_LUFS, stitchSeries } from '@vodscope/highlights'
import { describe, expect, it } from 'vitest'
import { LoudnessMeter } from '../src/loudness/loudness-meter.js'

const RATE = 8000

/** s16le PCM of a 997 Hz sine with peak amplitude `amp` (1 = full scale). */
function sinePcm(seconds: number, amp: number, from = 0): Buffer {
  const n = Math.round(seconds * RATE)
  const buf = Buffer.alloc(n * 2)
  for (let i = 0; i < n; i++)
    buf.writeInt16LE(Math.round(32767 * amp * Math.sin((2 * Math.PI * 997 * (from + i)) / RATE)), i * 2)
  return buf
}

const measure = (pcm: Buffer, startSec: number, chunk: number) => {
  const meter = new LoudnessMeter(RATE, startSec)
  for (let at = 0; at < pcm.length; at += chunk) meter.push(pcm.subarray(at, at + chunk))
  return meter.finish()
}

describe('LoudnessMeter', () => {
  it('reads a −20 dBFS 1 kHz sine as about −23 LUFS per second', () => {
    const bins = measure(sinePcm(5, 0.1), 0, 4096)
    expect(bins.samples).toEqual([RATE, RATE, RATE, RATE, RATE])
    for (const [i, sum] of bins.sumSquares.entries()) {
      if (i === 0) continue // the filters settle within the first few milliseconds
      expect(lufs(sum, RATE)).toBeCloseTo(-23.0, 0)
    }
  })

  it('gives the same bins whatever the chunking, including chunks ending mid-sample', () => {
    const pcm = sinePcm(3, 0.3)
    const whole = measure(pcm, 0, pcm.length)
    const odd = measure(pcm, 0, 333)
    expect(odd.samples).toEqual(whole.samples)
    for (const [i, s] of odd.sumSquares.entries()) expect(s).toBeCloseTo(whole.sumSquares[i] as number, 6)
  })

  it('bins a piece that starts mid-second in VOD time', () => {
    const bins = measure(sinePcm(2, 0.1), 10.25, 1000)
    expect(bins.firstSec).toBe(10)
    expect(bins.samples).toEqual([6000, 8000, 2000])
  })
})

describe('stitchSeries', () => {
  const options = { durationSec: 6, sampleRate: RATE, maxMissingSec: 0 }

  it('joins pieces split inside a second without a gap or an overlap', () => {
    const pcm = sinePcm(6, 0.2)
    const whole = stitchSeries([measure(pcm, 0, 4096)], options)
    const cut = 2.5 * RATE * 2
    const a = measure(pcm.subarray(0, cut), 0, 4096)
    const b = measure(pcm.subarray(cut), 2.5, 4096)
    const stitched = stitchSeries([b, a], options)
    expect(stitched).toHaveLength(6)
    for (const [i, v] of stitched.entries()) expect(v).toBeCloseTo(whole[i] as number, 1)
  })

  it('rejects overlapping pieces', () => {
    const pcm = sinePcm(6, 0.2)
    const a = measure(pcm.subarray(0, 4 * RATE * 2), 0, 4096)
    const b = measure(pcm.subarray(3 * RATE * 2), 3, 4096)
    expect(() => stitchSeries([a, b], options)).toThrow(/overlap/)
  })

  it('rejects a missing piece and fills a tolerated short gap from its neighbour', () => {
    const pcm = sinePcm(6, 0.2)
    const a = measure(pcm.subarray(0, 2 * RATE * 2), 0, 4096)
    const b = measure(pcm.subarray(3 * RATE * 2), 3, 4096)
    const err = (() => {
      try {
        stitchSeries([a, b], options)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(HighlightError)
    expect((err as HighlightError).code).toBe('AUDIO_SERIES_INCONSISTENT')
    const filled = stitchSeries([a, b], { ...options, maxMissingSec: 1 })
    expect(filled[2]).toBe(filled[1])
  })

  it('reads digital silence as the silence floor', () => {
    const meter = new LoudnessMeter(RATE, 0)
    meter.push(Buffer.alloc(RATE * 2 * 2))
    expect(stitchSeries([meter.finish()], { ...options, durationSec: 2 })).toEqual([
      SILENCE_FLOOR_LUFS,
      SILENCE_FLOOR_LUFS,
    ])
  })
})
