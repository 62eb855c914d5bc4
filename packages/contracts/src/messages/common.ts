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
export const Seconds = Type.Number({ minimum: 0 })

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
export const StageError = Type.Object({ code: Type.String(), message: Type.String() })
