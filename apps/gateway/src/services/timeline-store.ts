import {
  type ChatStatsDocument,
  COLLECTIONS,
  type LoudnessDocument,
  loudnessBins,
  type VideoDocument,
  type VideoKey,
} from '@vodscope/contracts'
import { databaseUnavailable } from '../errors.js'
import type { TimelineResponse } from '../schemas/ops.js'
import type { MongoConnection } from './mongo-connection.js'

/** A loudness segment's bins as numbers (contracts' `loudnessBins` decodes the stored binary). */
interface LoudnessRead {
  firstSec: number
  sumSquares: number[]
  samples: number[]
}

type ChatStatsRead = Pick<ChatStatsDocument, 'startSec' | 'counts'>

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
        // Three small reads stitched here.
        const [video, loudness, chat] = await Promise.all([
          db
            .collection<VideoDocument>(COLLECTIONS.videos)
            .findOne({ _id: videoKey }, { projection: { durationSec: 1 } }),
          db
            .collection<LoudnessDocument>(COLLECTIONS.audioLoudness)
            .find({ videoKey }, { projection: { _id: 0, firstSec: 1, sumSquares: 1, samples: 1 } })
            .toArray(),
          db
            .collection<ChatStatsDocument>(COLLECTIONS.chatStats)
            .find({ videoKey }, { projection: { _id: 0, startSec: 1, counts: 1 } })
            .toArray(),
        ])
        return video === null
          ? null
          : {
              durationSec: video.durationSec,
              loudness: loudness.map(
                (doc): LoudnessRead => ({ firstSec: doc.firstSec, ...loudnessBins(doc) }),
              ),
              chat: chat.map((doc): ChatStatsRead => ({ startSec: doc.startSec, counts: doc.counts })),
            }
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
