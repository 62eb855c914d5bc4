import { Binary, type Collection } from 'mongodb'
import type { SegmentMeasurement } from '../ffmpeg/decode-segment.js'

/**
 * `audio_loudness`: one document per (videoKey, segment), `_id` `videoKey:segmentIndex`. It holds
 * the segment's per-second K-weighted sums and sample counts (not dB) so stitching is exact; LUFS is
 * derived when the series is read. The two per-second arrays are stored as little-endian binary
 * (float64 sums, uint32 counts): FerretDB writes a 1200-number array about four times slower than
 * the same values as one binary field, and every segment writes one.
 */
export interface LoudnessDocument {
  _id: string
  videoKey: string
  jobId: string
  segmentIndex: number
  segmentCount: number
  /** VOD time of the segment, seconds. */
  startSec: number
  endSec: number
  sampleRate: number // Hz
  /** VOD second of the first bin. */
  firstSec: number
  /** Per second: float64 LE sum of K-weighted squares. */
  sumSquares: Binary
  /** Per second: uint32 LE sample count. */
  samples: Binary
  decodedSec: number
  updatedAt: Date
}

export interface SegmentLoudness extends SegmentMeasurement {
  videoKey: string
  jobId: string
  segmentIndex: number
  segmentCount: number
  startSec: number
  endSec: number
  sampleRate: number
}

export const loudnessId = (videoKey: string, segmentIndex: number): string => `${videoKey}:${segmentIndex}`

function packFloat64(values: readonly number[]): Binary {
  const buf = Buffer.alloc(values.length * 8)
  for (const [i, v] of values.entries()) buf.writeDoubleLE(v, i * 8)
  return new Binary(buf)
}

function packUint32(values: readonly number[]): Binary {
  const buf = Buffer.alloc(values.length * 4)
  for (const [i, v] of values.entries()) buf.writeUInt32LE(v, i * 4)
  return new Binary(buf)
}

/** The bytes of a Binary: its backing buffer may be longer than its content. */
const bytesOf = (binary: Binary): Buffer => {
  const view = binary.buffer.subarray(0, binary.length())
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength)
}

/** A stored document's bins as numbers again. */
export function readSegment(doc: LoudnessDocument): SegmentLoudness {
  const sums = bytesOf(doc.sumSquares)
  const counts = bytesOf(doc.samples)
  const { _id, updatedAt, sumSquares, samples, ...rest } = doc
  return {
    ...rest,
    sumSquares: Array.from({ length: sums.length / 8 }, (_, i) => sums.readDoubleLE(i * 8)),
    samples: Array.from({ length: counts.length / 4 }, (_, i) => counts.readUInt32LE(i * 4)),
  }
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
    sumSquares: packFloat64(segment.sumSquares),
    samples: packUint32(segment.samples),
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
