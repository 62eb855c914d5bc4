import { type LoudnessDocument, loudnessId, packFloat64, packUint32 } from '@vodscope/contracts'
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

/** A re-run with fewer segments must not leave the old run's tail behind. */
export async function dropStaleSegments(
  collection: Collection<LoudnessDocument>,
  videoKey: string,
  segmentCount: number,
): Promise<void> {
  await collection.deleteMany({ videoKey, segmentIndex: { $gte: segmentCount } })
}
