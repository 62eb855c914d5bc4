import type { Collection } from 'mongodb'
import type { SegmentMeasurement } from '../ffmpeg/decode-segment.js'

/**
 * `audio_loudness`: one document per (videoKey, segment), `_id` `videoKey:segmentIndex`. It holds
 * the segment's per-second K-weighted sums and sample counts (not dB) so stitching is exact; LUFS is
 * derived when the series is read.
 */
export interface LoudnessDocument extends SegmentMeasurement {
  _id: string
  videoKey: string
  jobId: string
  segmentIndex: number
  segmentCount: number
  startSec: number
  endSec: number
  sampleRate: number
  updatedAt: Date
}

export const loudnessId = (videoKey: string, segmentIndex: number): string => `${videoKey}:${segmentIndex}`

/** Replaces the segment's document: a redelivered segment measures the same audio and lands on the same values. */
export async function saveSegmentLoudness(
  collection: Collection<LoudnessDocument>,
  doc: Omit<LoudnessDocument, '_id' | 'updatedAt'>,
): Promise<void> {
  const _id = loudnessId(doc.videoKey, doc.segmentIndex)
  await collection.replaceOne({ _id }, { ...doc, updatedAt: new Date() }, { upsert: true })
}

/** The segments one job stored, in order. */
export function loadSegmentLoudness(
  collection: Collection<LoudnessDocument>,
  videoKey: string,
  jobId: string,
): Promise<LoudnessDocument[]> {
  return collection.find({ videoKey, jobId }).sort({ segmentIndex: 1 }).toArray()
}

/** A re-run with fewer segments must not leave the old run's tail behind. */
export async function dropStaleSegments(
  collection: Collection<LoudnessDocument>,
  videoKey: string,
  segmentCount: number,
): Promise<void> {
  await collection.deleteMany({ videoKey, segmentIndex: { $gte: segmentCount } })
}

/** Idempotent; run at start-up. Serves the join's "all segments of this job" read. */
export async function ensureLoudnessIndexes(collection: Collection<LoudnessDocument>): Promise<void> {
  await collection.createIndex({ videoKey: 1, jobId: 1, segmentIndex: 1 })
}
