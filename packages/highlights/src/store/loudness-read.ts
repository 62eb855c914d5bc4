import { type LoudnessDocument, loudnessBins } from '@vodscope/contracts'
import type { Collection } from 'mongodb'

/** A stored segment with its bins decoded to numbers. */
export type StoredSegment = Omit<LoudnessDocument, '_id' | 'updatedAt' | 'sumSquares' | 'samples'> & {
  sumSquares: number[]
  samples: number[]
}

/** A stored document's bins as numbers again. */
export function readSegment(doc: LoudnessDocument): StoredSegment {
  const { _id, updatedAt, sumSquares, samples, ...rest } = doc
  return { ...rest, ...loudnessBins(doc) }
}

/**
 * The segments one job stored, in order (the `{videoKey, jobId, segmentIndex}` index); empty until
 * segment 0, which carries the count, is stored.
 */
export async function loadSegmentLoudness(
  collection: Collection<LoudnessDocument>,
  videoKey: string,
  jobId: string,
): Promise<StoredSegment[]> {
  const docs = await collection.find({ videoKey, jobId }).sort({ segmentIndex: 1 }).toArray()
  const first = docs[0]
  if (first === undefined || first.segmentIndex !== 0) return []
  return docs.filter((doc) => doc.segmentIndex < first.segmentCount).map(readSegment)
}
