import { type LoudnessDocument, loudnessBins, loudnessId, packFloat64, packUint32 } from '@vodscope/contracts'
import { Binary, type Collection } from 'mongodb'
import type { SegmentMeasurement } from '../ffmpeg/decode-segment.js'

export type { LoudnessDocument }

export interface SegmentLoudness extends SegmentMeasurement {
  videoKey: string
  jobId: string
  segmentIndex: number
  segmentCount: number
  startSec: number
  endSec: number
  sampleRate: number
}

/** A stored document's bins as numbers again. */
export function readSegment(doc: LoudnessDocument): SegmentLoudness {
  const { _id, updatedAt, sumSquares, samples, ...rest } = doc
  return { ...rest, ...loudnessBins(doc) }
}

/** Replaces the segment's document: a redelivered segment measures the same audio and lands on the same values. */
export async function saveSegmentLoudness(
  collection: Collection<LoudnessDocument>,
  segment: SegmentLoudness,
): Promise<void> {
  const _id = loudnessId(segment.videoKey, segment.segmentIndex)
  const doc: LoudnessDocument = {
    ...segment,
    _id,
    sumSquares: new Binary(packFloat64(segment.sumSquares)),
    samples: new Binary(packUint32(segment.samples)),
    updatedAt: new Date(),
  }
  await collection.replaceOne({ _id }, doc, { upsert: true })
}

/**
 * The segments one job stored, in order (the `{videoKey, jobId, segmentIndex}` index); empty until
 * segment 0, which carries the count, is stored.
 */
export async function loadSegmentLoudness(
  collection: Collection<LoudnessDocument>,
  videoKey: string,
  jobId: string,
): Promise<SegmentLoudness[]> {
  const docs = await collection.find({ videoKey, jobId }).sort({ segmentIndex: 1 }).toArray()
  const first = docs[0]
  if (first === undefined || first.segmentIndex !== 0) return []
  return docs.filter((doc) => doc.segmentIndex < first.segmentCount).map(readSegment)
}

/** A re-run with fewer segments must not leave the old run's tail behind. */
export async function dropStaleSegments(
  collection: Collection<LoudnessDocument>,
  videoKey: string,
  segmentCount: number,
): Promise<void> {
  await collection.deleteMany({ videoKey, segmentIndex: { $gte: segmentCount } })
}
