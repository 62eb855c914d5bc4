export interface MomentOptions {
  /** Window the chat rate is averaged over, seconds; shorter than a burst, longer than the noise. */
  smoothSec: number
  /** Window of the moving baseline, seconds; long enough that one burst barely moves its median. */
  baselineSec: number
  /** Minimum distance between two moments, seconds. */
  minGapSec: number
  /** How many moments to keep. */
  topK: number
  /** Minimum rate / baseline at a moment. */
  minRatio: number
  /** Minimum excess over the baseline in Poisson standard deviations of the smoothing window. */
  minZ: number
}

export const MOMENT_DEFAULTS = {
  smoothSec: 10,
  baselineSec: 300, // five minutes
  minGapSec: 60,
  topK: 20, // an 8-hour stream has a dozen or more moments worth a look
  minRatio: 2,
  minZ: 7,
} as const satisfies MomentOptions

export interface ChatMoment {
  /**
   * Where the burst starts: the first second, walking back from the peak, whose smoothed rate is still
   * above half the peak's excess over the baseline. With a centred smoothing window this lands on the
   * burst's onset, which is what a viewer should be sent to.
   */
  startSec: number
  /** Second of VOD time at the centre of the busiest window. */
  peakSec: number
  /** Where the smoothed rate falls back below half the peak's excess. */
  endSec: number
  /** Messages per minute at the peak (smoothed). */
  ratePerMin: number
  /** Messages per minute of the moving baseline there. */
  baselinePerMin: number
  /** Excess over the baseline in standard deviations; the ranking key. */
  score: number
}

/**
 * Finds bursts of chat: seconds where the smoothed rate stands well above a moving baseline, ranked
 * by how unlikely that excess is. The baseline is a moving median of 10-s bins, so a burst does not
 * raise its own baseline the way a moving mean would.
 */
export function findChatMoments(
  perSecond: readonly number[],
  options: MomentOptions = MOMENT_DEFAULTS,
): ChatMoment[] {
  const n = perSecond.length
  if (n === 0) return []
  const rate = movingMean(perSecond, options.smoothSec)
  const baseline = movingMedianBaseline(perSecond, options.baselineSec)

  const candidates: Candidate[] = []
  for (let s = 0; s < n; s++) {
    const r = rate[s] ?? 0
    const b = baseline[s] ?? 0
    // Poisson: a window expecting λ messages varies by √λ; a floor of one message keeps a silent
    // stretch from turning a single message into a huge score.
    const lambda = Math.max(1, b * options.smoothSec)
    const score = (r * options.smoothSec - b * options.smoothSec) / Math.sqrt(lambda)
    if (score < options.minZ || r < options.minRatio * b) continue
    candidates.push({ sec: s, rate: r, baseline: b, score })
  }

  // Greedy by score: the best second of each burst wins and suppresses its neighbours.
  candidates.sort((a, b) => b.score - a.score || a.sec - b.sec)
  const picked: Candidate[] = []
  for (const candidate of candidates) {
    if (picked.length >= options.topK) break
    if (picked.every((p) => Math.abs(p.sec - candidate.sec) >= options.minGapSec)) picked.push(candidate)
  }
  return picked.map((peak) => {
    const half = (peak.rate + peak.baseline) / 2
    let start = peak.sec
    while (start > 0 && (rate[start - 1] ?? 0) >= half) start--
    let end = peak.sec
    while (end < n - 1 && (rate[end + 1] ?? 0) >= half) end++
    return {
      startSec: start,
      peakSec: peak.sec,
      endSec: end + 1,
      ratePerMin: round(peak.rate * 60),
      baselinePerMin: round(peak.baseline * 60),
      score: round(peak.score),
    }
  })
}

interface Candidate {
  sec: number
  /** Smoothed messages per second. */
  rate: number
  baseline: number
  score: number
}

/** Centred moving mean, messages per second; the window shrinks at the ends of the series. */
export function movingMean(series: readonly number[], windowSec: number): number[] {
  const prefix = [0]
  for (const v of series) prefix.push((prefix.at(-1) ?? 0) + v)
  const half = Math.floor(windowSec / 2)
  return series.map((_, s) => {
    const lo = Math.max(0, s - half)
    const hi = Math.min(series.length, s - half + windowSec)
    return ((prefix[hi] ?? 0) - (prefix[lo] ?? 0)) / (hi - lo)
  })
}

const BIN_SEC = 10

/** Per-second baseline: the median rate of the 10-s bins within ±windowSec/2. */
function movingMedianBaseline(series: readonly number[], windowSec: number): number[] {
  const bins: number[] = []
  for (let start = 0; start < series.length; start += BIN_SEC) {
    const slice = series.slice(start, start + BIN_SEC)
    bins.push(slice.reduce((a, b) => a + b, 0) / slice.length)
  }
  const halfBins = Math.max(1, Math.round(windowSec / BIN_SEC / 2))
  const binBaseline = bins.map((_, i) => median(bins.slice(Math.max(0, i - halfBins), i + halfBins + 1)))
  return series.map((_, s) => binBaseline[Math.floor(s / BIN_SEC)] ?? 0)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
