import { HighlightError } from '../errors.js'

/** BS.1770's absolute gate: blocks quieter than this are silence, not programme. */
export const ABSOLUTE_GATE_LUFS = -70
/** What a second of digital silence reads as; finite, so it survives JSON and arithmetic. */
export const SILENCE_FLOOR_LUFS = -100

/** BS.1770 loudness of a block: -0.691 + 10·log10(mean square of the K-weighted signal). */
export function lufs(sumSquares: number, samples: number): number {
  if (samples <= 0 || sumSquares <= 0) return SILENCE_FLOOR_LUFS
  return Math.max(SILENCE_FLOOR_LUFS, -0.691 + 10 * Math.log10(sumSquares / samples))
}

/**
 * Per-second energy of one piece of audio, in VOD time, as the analyzer measures and stores it:
 * second `firstSec + i` holds the K-weighted sum of squares and the number of samples in it.
 */
export interface SecondBins {
  firstSec: number
  sumSquares: readonly number[]
  samples: readonly number[]
}

export interface StitchOptions {
  durationSec: number
  sampleRate: number
  /** Seconds without any sample tolerated (media a little shorter than its metadata); filled from the neighbour. */
  maxMissingSec: number
}

/**
 * Joins the pieces of one VOD into a per-second LUFS series covering [0, durationSec). Pieces may
 * arrive in any order and may share a boundary second (a fractional segment start): their sums add.
 * A second with more samples than the rate allows means two pieces overlap; too many empty seconds
 * mean a piece is missing. Either is a bug upstream of here, so it fails loudly instead of ranking
 * a distorted series.
 */
export function stitchSeries(pieces: readonly SecondBins[], options: StitchOptions): number[] {
  const length = Math.ceil(options.durationSec - 1e-9)
  const sums = new Float64Array(length)
  const counts = new Float64Array(length)
  for (const piece of pieces) {
    piece.samples.forEach((n, i) => {
      const sec = piece.firstSec + i
      if (sec < 0 || sec >= length) return
      sums[sec] = (sums[sec] ?? 0) + (piece.sumSquares[i] ?? 0)
      counts[sec] = (counts[sec] ?? 0) + n
    })
  }
  // One sample of slack for rounding where two pieces meet inside a second.
  const overlapped = counts.findIndex((n) => n > options.sampleRate + 1)
  if (overlapped >= 0) {
    throw new HighlightError(
      'AUDIO_SERIES_INCONSISTENT',
      `second ${overlapped} holds ${counts[overlapped]} samples at ${options.sampleRate} Hz: segments overlap`,
    )
  }
  const missing = counts.reduce((acc, n) => acc + (n === 0 ? 1 : 0), 0)
  if (missing > options.maxMissingSec) {
    const first = counts.indexOf(0)
    throw new HighlightError(
      'AUDIO_SERIES_INCONSISTENT',
      `${missing} of ${length} seconds have no audio (first at ${first} s): a segment is missing`,
    )
  }
  const series: number[] = []
  for (let sec = 0; sec < length; sec++) {
    const n = counts[sec] ?? 0
    series.push(n > 0 ? lufs(sums[sec] ?? 0, n) : (series[sec - 1] ?? SILENCE_FLOOR_LUFS))
  }
  // A gap at the very start has no left neighbour: take the first measured second instead.
  const firstMeasured = counts.findIndex((n) => n > 0)
  for (let sec = 0; sec < firstMeasured; sec++) series[sec] = series[firstMeasured] ?? SILENCE_FLOOR_LUFS
  return series
}
