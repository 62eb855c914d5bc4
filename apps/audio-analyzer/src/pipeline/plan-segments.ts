import type { VideoPart } from '@vodscope/contracts'

export interface PlannedSegment {
  segmentIndex: number
  partIndex: number
  /** VOD time, seconds. */
  startSec: number
  endSec: number
  /** Where the segment starts inside its part's media, seconds. */
  offsetSec: number
}

export interface PlanOptions {
  segmentSec: number // target segment length, seconds
  minTailSec: number // a part's remainder shorter than this joins the segment before it, seconds
}

/**
 * Cuts each part into segments of `segmentSec` (a segment never spans two parts: each part is its
 * own media). Segments tile the VOD exactly — each ends where the next begins — so stitching their
 * per-second bins can neither leave a gap nor count a second twice.
 */
export function planSegments(parts: readonly VideoPart[], options: PlanOptions): PlannedSegment[] {
  const segments: PlannedSegment[] = []
  for (const part of [...parts].sort((a, b) => a.index - b.index)) {
    const count = Math.max(1, Math.ceil((part.durationSec - options.minTailSec) / options.segmentSec))
    for (let i = 0; i < count; i++) {
      const offsetSec = i * options.segmentSec
      const endOffset = i === count - 1 ? part.durationSec : offsetSec + options.segmentSec
      segments.push({
        segmentIndex: segments.length,
        partIndex: part.index,
        startSec: part.startSec + offsetSec,
        endSec: part.startSec + endOffset,
        offsetSec,
      })
    }
  }
  return segments
}
