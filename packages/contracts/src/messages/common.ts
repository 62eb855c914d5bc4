import Type from 'typebox'
import { PLATFORMS } from '../video-key.js'

export const PlatformSchema = Type.Enum(PLATFORMS)
export const JobId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
export const VideoKeySchema = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^(youtube|twitch|soop):[A-Za-z0-9_-]+$',
})
export const VideoId = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })
export const IsoTime = Type.String({ format: 'date-time' })
/**
 * Upper bounds on what a message may describe. A value past them is an upstream or producer error,
 * never a VOD: without them a `lengthSeconds` of 1e12 plans billions of chunks and a chunk of 4e8
 * seconds allocates a 4e8-entry array. The codec refuses such a message, so it is dead-lettered.
 */
export const LIMITS = {
  maxSeconds: 604_800, // seven days: longer than any stream a platform keeps
  // The largest configurable chunk/segment plus the largest tail that may join it.
  maxChunkSec: 4_200, // chat: VODSCOPE_CHAT_CHUNK_SEC ≤ 3,600 + VODSCOPE_CHAT_MIN_CHUNK_SEC ≤ 600
  maxSegmentSec: 7_800, // audio: VODSCOPE_AUDIO_SEGMENT_SEC ≤ 7,200 + VODSCOPE_AUDIO_MIN_TAIL_SEC ≤ 600
  maxPieces: 100_000, // chunks or segments of one VOD: 7 days in 15 s chat chunks is 40,320
  maxParts: 1_000,
  maxTitle: 1_000, // characters
  maxName: 256, // channel ids and names
  maxErrorMessage: 2_000,
} as const

export const Seconds = Type.Number({ minimum: 0, maximum: LIMITS.maxSeconds })
/** A `[startSec, endSec)` pair of the same object, no longer than `maxSec` (the `range` keyword, codec.ts). */
export const rangeOf = (maxSec: number) => ({ range: { start: 'startSec', end: 'endSec', maxSec } })

/** The fields every message carries, so any consumer can attribute it to a job and a video. */
export const envelope = {
  version: Type.Literal(1),
  jobId: JobId,
  videoKey: VideoKeySchema,
  platform: PlatformSchema,
  videoId: VideoId,
}

export const STAGES = ['metadata', 'chat', 'audio', 'highlights'] as const
export const Stage = Type.Enum(STAGES)
export const STAGE_STATUSES = ['queued', 'running', 'done', 'failed', 'skipped'] as const
export const StageStatus = Type.Enum(STAGE_STATUSES)
export const Progress = Type.Object({
  done: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
})
export const StageError = Type.Object({
  code: Type.String({ maxLength: 100 }),
  message: Type.String({ maxLength: LIMITS.maxErrorMessage }),
})
