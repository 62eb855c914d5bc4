/**
 * Robust normalisation of a per-second signal: subtract a moving median (the local "bed" — a quiet
 * talk show and a loud shooter sit at different levels, and a stream's level drifts) and divide by
 * the MAD of what is left (how much this bed normally moves). A moment then scores in "normal
 * deviations above its surroundings", comparable across VODs. Medians ignore the short loud moments
 * we are looking for, where a mean and a standard deviation would be dragged up by them.
 */

/** Median of a sorted array. */
const sortedMedian = (sorted: readonly number[]): number => {
  const mid = sorted.length >> 1
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export const median = (values: readonly number[]): number => sortedMedian([...values].sort((a, b) => a - b))

/** Index of the first element ≥ value in a sorted array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Centred moving median over `windowSec` seconds, skipping entries where `include` is false (silence
 * must not pull the baseline down next to a quiet intro). A sorted window updated by binary search
 * makes it O(n·w) with tiny constants: 4 h × 5 min windows is a few million moves.
 */
export function movingMedian(
  values: readonly number[],
  windowSec: number,
  include: (i: number) => boolean,
): number[] {
  const half = Math.floor(windowSec / 2)
  const window: number[] = []
  const out: number[] = []
  let added = 0 // next index to enter the window
  let removed = 0 // next index to leave it
  for (let i = 0; i < values.length; i++) {
    for (; added < values.length && added <= i + half; added++) {
      if (include(added))
        window.splice(lowerBound(window, values[added] as number), 0, values[added] as number)
    }
    for (; removed < i - half; removed++) {
      if (include(removed)) window.splice(lowerBound(window, values[removed] as number), 1)
    }
    out.push(sortedMedian(window))
  }
  return out
}

/** Centred moving average over `windowSec` seconds (shorter at the edges). */
export function movingAverage(values: readonly number[], windowSec: number): number[] {
  const half = Math.floor(windowSec / 2)
  const prefix = [0]
  for (const v of values) prefix.push((prefix[prefix.length - 1] as number) + v)
  return values.map((_, i) => {
    const from = Math.max(0, i - half)
    const to = Math.min(values.length, i + half + 1)
    return ((prefix[to] as number) - (prefix[from] as number)) / (to - from)
  })
}

/** `values` minus their centred moving median: what stands out from the local bed. */
export function residual(
  values: readonly number[],
  baselineWindowSec: number,
  include: (i: number) => boolean,
): number[] {
  const baseline = movingMedian(values, baselineWindowSec, include)
  return values.map((v, i) => (include(i) ? v - (baseline[i] as number) : 0))
}

/**
 * `values` in units of their own robust spread: divided by 1.4826 · MAD (the MAD estimates a standard
 * deviation for Gaussian noise, and ignores the rare moments we are looking for), floored at
 * `minScale` so a perfectly steady signal does not turn its noise into peaks. Entries excluded by
 * `include` score 0: neither evidence for nor against a highlight.
 */
export function normalise(
  values: readonly number[],
  minScale: number,
  include: (i: number) => boolean = () => true,
): number[] {
  const included = values.filter((_, i) => include(i))
  if (included.length === 0) return values.map(() => 0)
  const centre = median(included)
  const scale = Math.max(minScale, 1.4826 * median(included.map((v) => Math.abs(v - centre))))
  return values.map((v, i) => (include(i) ? (v - centre) / scale : 0))
}
