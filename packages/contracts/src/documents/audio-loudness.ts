/**
 * A BSON binary as the MongoDB driver hands it back (`mongodb`'s `Binary` has this shape): its buffer
 * may be longer than its content. Writers store `new Binary(packFloat64(…))`.
 */
export interface BinaryLike {
  buffer: Uint8Array
  length(): number
}

/**
 * `audio_loudness`: one document per (videoKey, segment), `_id` `loudnessId(videoKey, segmentIndex)`,
 * written by the audio analyzer. It holds the segment's per-second K-weighted sums and sample counts
 * (not dB) so stitching and bucketing are exact; LUFS is derived when the series is read. The two
 * per-second arrays are little-endian binary (float64 sums, uint32 counts): a 1,200-number array is
 * several times slower to write than the same values as one binary field. Decode with `loudnessBins`.
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
  /** Per second: float64 LE sum of K-weighted squares. Documents from before the binary layout hold arrays. */
  sumSquares: BinaryLike | number[]
  /** Per second: uint32 LE sample count. */
  samples: BinaryLike | number[]
  decodedSec: number
  updatedAt: Date
}

export const loudnessId = (videoKey: string, segmentIndex: number): string => `${videoKey}:${segmentIndex}`

/** Per-second float64 values as the little-endian bytes `sumSquares` holds. */
export function packFloat64(values: readonly number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 8))
  for (const [i, v] of values.entries()) view.setFloat64(i * 8, v, true)
  return new Uint8Array(view.buffer)
}

/** Per-second counts (0 ≤ n < 2³²) as the little-endian bytes `samples` holds. */
export function packUint32(values: readonly number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 4))
  for (const [i, v] of values.entries()) view.setUint32(i * 4, v, true)
  return new Uint8Array(view.buffer)
}

function unpack(value: BinaryLike | number[], width: 4 | 8): number[] {
  if (Array.isArray(value)) return value
  const bytes = value.buffer.subarray(0, value.length())
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Array<number>(Math.floor(bytes.byteLength / width))
  for (let i = 0; i < out.length; i++)
    out[i] = width === 8 ? view.getFloat64(i * 8, true) : view.getUint32(i * 4, true)
  return out
}

/** A stored document's bins as numbers again. */
export function loudnessBins(doc: Pick<LoudnessDocument, 'sumSquares' | 'samples'>): {
  sumSquares: number[]
  samples: number[]
} {
  return { sumSquares: unpack(doc.sumSquares, 8), samples: unpack(doc.samples, 4) }
}
