import { COLLECTIONS, type LoudnessDocument } from '@vodscope/contracts'
import type { Db } from 'mongodb'
import { HighlightError } from '../errors.js'
import { stitchSeries } from '../series/stitch.js'
import { loadSegmentLoudness } from './loudness-read.js'

export interface StoredSeries {
  /** Per-second LUFS over the whole VOD. */
  series: number[]
  durationSec: number
  segmentCount: number
}

/**
 * Stitches one job's stored segments into the VOD's series. Every segment 0..n−1 must be there
 * exactly once (the store is keyed by segment, so a redelivered segment replaced itself); seconds
 * without audio are tolerated only where a segment's media was short and the decoder accepted it.
 */
export async function loadSeries(db: Db, ref: { videoKey: string; jobId: string }): Promise<StoredSeries> {
  const docs = await loadSegmentLoudness(
    db.collection<LoudnessDocument>(COLLECTIONS.audioLoudness),
    ref.videoKey,
    ref.jobId,
  )
  const segmentCount = docs[0]?.segmentCount ?? 0
  const missing = Array.from({ length: segmentCount }, (_, i) => i).filter((i) => docs[i]?.segmentIndex !== i)
  if (segmentCount === 0 || docs.length !== segmentCount || missing.length > 0) {
    throw new HighlightError(
      'AUDIO_SERIES_INCONSISTENT',
      `${ref.videoKey} job ${ref.jobId}: ${docs.length} of ${segmentCount} segments stored (missing ${missing.join(', ') || 'none'})`,
    )
  }
  const durationSec = docs.reduce((max, d) => Math.max(max, d.endSec), 0)
  // Each short segment may leave its last second(s) empty; nothing else may.
  const maxMissingSec = docs.reduce(
    (acc, d) => acc + Math.ceil(d.endSec - d.startSec - d.decodedSec + 1e-6),
    0,
  )
  const series = stitchSeries(docs, { durationSec, sampleRate: docs[0]?.sampleRate ?? 0, maxMissingSec })
  return { series, durationSec, segmentCount }
}
