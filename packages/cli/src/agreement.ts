/** A time range of the VOD, [startSec, endSec). */
export interface Range {
  startSec: number
  endSec: number
}

export interface RankedRange extends Range {
  rank: number
}

export interface ClipAt {
  /** Where the clip starts in the VOD (Twitch's `videoOffsetSeconds`). */
  offsetSec: number
}

export interface Agreement<C extends ClipAt> {
  /** Each clip with the rank of the top highlight its offset falls in, or null. */
  rows: Array<{ clip: C; highlightRank: number | null }>
  inside: number
  /** inside / clips; null without clips. */
  share: number | null
  /** The expected share under `randomBaseline`; null without clips. */
  baseline: number | null
  /** Share of the VOD the top highlights cover (their union): the chance a uniformly random instant is inside. */
  coverage: number
  /** The highlights compared: rank ≤ `topHighlights`. */
  highlights: RankedRange[]
}

/** The highlights a clip is compared with: the top ten, as issue 19 asks. */
export const TOP_HIGHLIGHTS = 10

/**
 * How many clips start inside one of the VOD's top highlights, beside what chance would give: the
 * same number of ranges, of the same lengths, placed at random (see `randomBaseline`).
 */
export function clipAgreement<C extends ClipAt>(
  clips: readonly C[],
  highlights: readonly RankedRange[],
  durationSec: number,
  topHighlights: number = TOP_HIGHLIGHTS,
): Agreement<C> {
  const top = highlights.filter((h) => h.rank <= topHighlights).toSorted((a, b) => a.rank - b.rank)
  const rows = clips.map((clip) => ({
    clip,
    highlightRank: top.find((h) => clip.offsetSec >= h.startSec && clip.offsetSec < h.endSec)?.rank ?? null,
  }))
  const inside = rows.filter((r) => r.highlightRank !== null).length
  const lengths = top.map((h) => h.endSec - h.startSec)
  return {
    rows,
    inside,
    share: clips.length === 0 ? null : inside / clips.length,
    baseline:
      clips.length === 0
        ? null
        : randomBaseline(
            clips.map((c) => c.offsetSec),
            lengths,
            durationSec,
          ),
    coverage: durationSec > 0 ? unionLength(top) / durationSec : 0,
    highlights: top,
  }
}

/**
 * The expected share of these clip offsets that would fall inside at least one of `lengths.length`
 * ranges, each placed independently with its start uniform over [0, D − L] (so it lies within the
 * VOD). Computed exactly, not simulated: for one range of length L, an instant t is covered when the
 * start is in (t − L, t], which has probability
 *   p(t) = (min(t, D − L) − max(0, t − L)) / (D − L)   (1 when L ≥ D),
 * and independent ranges miss t with probability Π(1 − pᵢ(t)). The share is the mean over the clips.
 * Instants near either end are covered less often than those in the middle, so the baseline depends
 * on where the clips are, not only on how much of the VOD the ranges cover. Independent ranges may
 * overlap, and real highlights do not, so their union is a little smaller than the highlights'
 * coverage: `coverage` is reported beside it.
 */
export function randomBaseline(
  offsets: readonly number[],
  lengths: readonly number[],
  durationSec: number,
): number {
  if (offsets.length === 0) return 0
  const total = offsets.reduce((sum, t) => sum + coveredProbability(t, lengths, durationSec), 0)
  return total / offsets.length
}

function coveredProbability(t: number, lengths: readonly number[], durationSec: number): number {
  if (!(t >= 0 && t < durationSec)) return 0
  let miss = 1
  for (const raw of lengths) {
    const length = Math.min(Math.max(raw, 0), durationSec)
    const slack = durationSec - length
    const p = slack <= 0 ? 1 : Math.max(0, Math.min(t, slack) - Math.max(0, t - length)) / slack
    miss *= 1 - p
  }
  return 1 - miss
}

/** Total length of the union of ranges. */
function unionLength(ranges: readonly Range[]): number {
  const sorted = ranges.toSorted((a, b) => a.startSec - b.startSec)
  let total = 0
  let end = Number.NEGATIVE_INFINITY
  for (const { startSec, endSec } of sorted) {
    const from = Math.max(startSec, end)
    if (endSec > from) total += endSec - from
    end = Math.max(end, endSec)
  }
  return total
}
