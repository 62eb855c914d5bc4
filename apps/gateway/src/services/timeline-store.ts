import { COLLECTIONS, type VideoKey } from '@vodscope/contracts'
import type { Binary } from 'mongodb'
import { databaseUnavailable } from '../errors.js'
import type { TimelineResponse } from '../schemas/ops.js'
import type { MongoConnection } from './mongo-connection.js'

/**
 * The fields of the audio-analyzer's `audio_loudness` documents and the chat crawler's `chat_stats`
 * documents the timeline reads (declared here: apps never import each other). Loudness is stored as
 * per-second K-weighted energy sums and sample counts so that seconds and buckets combine exactly.
 */
interface LoudnessRead {
  firstSec: number
  sumSquares: number[]
  samples: number[]
}

/**
 * As stored: the analyzer writes the two per-second arrays as little-endian binary (float64 sums,
 * uint32 counts) because FerretDB writes one binary field far faster than a long array. Older
 * documents hold plain arrays; both read the same.
 */
interface LoudnessStored {
  firstSec: number
  sumSquares: number[] | Binary
  samples: number[] | Binary
}

function fromStored(doc: LoudnessStored): LoudnessRead {
  return { firstSec: doc.firstSec, sumSquares: numbers(doc.sumSquares, 8), samples: numbers(doc.samples, 4) }
}

function numbers(value: number[] | Binary, width: 4 | 8): number[] {
  if (Array.isArray(value)) return value
  const bytes = value.buffer.subarray(0, value.length())
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: number[] = []
  for (let at = 0; at + width <= bytes.byteLength; at += width) {
    out.push(width === 8 ? view.getFloat64(at, true) : view.getUint32(at, true))
  }
  return out
}
interface ChatStatsRead {
  startSec: number
  counts: number[]
}

export interface TimelineSeries {
  durationSec: number
  loudness: LoudnessRead[]
  chat: ChatStatsRead[]
}

/** What the timeline route reads; `null` when no video has this key. */
export interface TimelineStore {
  findSeries(videoKey: VideoKey): Promise<TimelineSeries | null>
  close(): Promise<void>
}

export class MongoTimelineStore implements TimelineStore {
  constructor(private readonly mongo: MongoConnection) {}

  async findSeries(videoKey: VideoKey): Promise<TimelineSeries | null> {
    try {
      return await this.mongo.run(async (db) => {
        // Three plain reads stitched here: FerretDB has no $lookup, and the pieces are small.
        const [video, loudness, chat] = await Promise.all([
          db
            .collection<{ _id: string; durationSec: number }>(COLLECTIONS.videos)
            .findOne({ _id: videoKey }, { projection: { durationSec: 1 } }),
          db
            .collection<LoudnessStored & { videoKey: string }>(COLLECTIONS.audioLoudness)
            .find({ videoKey }, { projection: { _id: 0, firstSec: 1, sumSquares: 1, samples: 1 } })
            .toArray(),
          db
            .collection<ChatStatsRead & { videoKey: string }>(COLLECTIONS.chatStats)
            .find({ videoKey }, { projection: { _id: 0, startSec: 1, counts: 1 } })
            .toArray(),
        ])
        return video === null
          ? null
          : { durationSec: video.durationSec, loudness: loudness.map(fromStored), chat }
      })
    } catch (error) {
      throw databaseUnavailable(error)
    }
  }

  async close(): Promise<void> {}
}

const MAX_POINTS = 720 // enough for a chart a screen wide; a 4-hour VOD becomes 30-second buckets
const BUCKETS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300] as const
const SILENCE_FLOOR_LUFS = -100 // what the analyzer reports for digital silence

/** The smallest round bucket that keeps the series under MAX_POINTS. */
export function bucketFor(durationSec: number): number {
  return BUCKETS_SEC.find((b) => Math.ceil(durationSec / b) <= MAX_POINTS) ?? BUCKETS_SEC.at(-1)!
}

/**
 * Per-bucket loudness (BS.1770: -0.691 + 10·log10 of the mean K-weighted square over the bucket's
 * samples) and chat messages per minute. Pieces may share a boundary second: their sums add.
 */
export function toTimeline(videoKey: VideoKey, series: TimelineSeries): TimelineResponse {
  const bucketSec = bucketFor(series.durationSec)
  const length = Math.max(0, Math.ceil(series.durationSec / bucketSec))
  const energy = new Float64Array(length)
  const samples = new Float64Array(length)
  const messages = new Float64Array(length)
  const bucketOf = (sec: number) => Math.floor(sec / bucketSec)
  for (const piece of series.loudness) {
    piece.samples.forEach((n, i) => {
      const b = bucketOf(Math.floor(piece.firstSec) + i)
      if (b < 0 || b >= length) return
      energy[b] = (energy[b] ?? 0) + (piece.sumSquares[i] ?? 0)
      samples[b] = (samples[b] ?? 0) + n
    })
  }
  for (const chunk of series.chat) {
    chunk.counts.forEach((n, i) => {
      const b = bucketOf(Math.floor(chunk.startSec) + i)
      if (b >= 0 && b < length) messages[b] = (messages[b] ?? 0) + n
    })
  }
  const loudness: Array<number | null> = []
  const chatPerMin: number[] = []
  for (let b = 0; b < length; b++) {
    const n = samples[b] ?? 0
    const e = energy[b] ?? 0
    loudness.push(n === 0 ? null : e <= 0 ? SILENCE_FLOOR_LUFS : round(-0.691 + 10 * Math.log10(e / n)))
    // The last bucket may be shorter than bucketSec: rate over the seconds it covers.
    const covered = Math.min(bucketSec, series.durationSec - b * bucketSec)
    chatPerMin.push(round(((messages[b] ?? 0) * 60) / Math.max(covered, 1)))
  }
  return { videoKey, durationSec: series.durationSec, bucketSec, loudness, chatPerMin }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
