export interface Peak {
  sec: number
  value: number
}

export interface PeakOptions {
  threshold: number // minimum score of a peak
  minGapSec: number // two peaks closer than this are one moment; the higher one wins
  topK: number // most peaks returned
}

/**
 * Local maxima of `score` at or above the threshold, strongest first, greedily keeping a peak only if
 * no stronger kept peak is within `minGapSec`. A plateau counts once (its first second), so one
 * moment never yields two peaks a second apart.
 */
export function pickPeaks(score: readonly number[], options: PeakOptions): Peak[] {
  const candidates: Peak[] = []
  for (let i = 0; i < score.length; i++) {
    const v = score[i] as number
    if (v < options.threshold) continue
    const left = i > 0 ? (score[i - 1] as number) : Number.NEGATIVE_INFINITY
    const right = i + 1 < score.length ? (score[i + 1] as number) : Number.NEGATIVE_INFINITY
    if (v > left && v >= right) candidates.push({ sec: i, value: v })
  }
  candidates.sort((a, b) => b.value - a.value || a.sec - b.sec)
  const kept: Peak[] = []
  for (const c of candidates) {
    if (kept.length >= options.topK) break
    if (kept.every((k) => Math.abs(k.sec - c.sec) >= options.minGapSec)) kept.push(c)
  }
  return kept
}

export interface WindowOptions {
  fraction: number // the window spans the seconds around the peak scoring at least this fraction of it
  maxHalfWidthSec: number // at most this far either side of the peak, seconds
  preRollSec: number // lead-in before the loud part, seconds: viewers need the build-up
  postRollSec: number // tail after it, seconds
}

/** [start, end) around a peak: where the score stays above a fraction of the peak, plus context. */
export function windowAround(
  score: readonly number[],
  peak: Peak,
  options: WindowOptions,
): { startSec: number; endSec: number } {
  const floor = peak.value * options.fraction
  let start = peak.sec
  while (
    start > 0 &&
    peak.sec - (start - 1) <= options.maxHalfWidthSec &&
    (score[start - 1] as number) >= floor
  )
    start--
  let end = peak.sec
  while (
    end + 1 < score.length &&
    end + 1 - peak.sec <= options.maxHalfWidthSec &&
    (score[end + 1] as number) >= floor
  )
    end++
  return {
    startSec: Math.max(0, start - options.preRollSec),
    endSec: Math.min(score.length, end + 1 + options.postRollSec),
  }
}
