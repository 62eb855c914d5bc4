import Type, { type Static } from 'typebox'
import {
  IsoTime,
  JobId,
  PlatformSchema,
  Progress,
  StageError,
  StageStatus,
  VideoKeySchema,
} from '../messages/common.js'

export const StageView = Type.Object({
  status: StageStatus,
  progress: Progress,
  error: Type.Union([StageError, Type.Null()]),
  attempts: Type.Integer({ minimum: 0 }),
  startedAt: Type.Union([IsoTime, Type.Null()]),
  finishedAt: Type.Union([IsoTime, Type.Null()]),
})
export type StageView = Static<typeof StageView>

/** `GET /v1/jobs/:jobId`. */
export const JobView = Type.Object({
  jobId: JobId,
  videoKey: VideoKeySchema,
  platform: PlatformSchema,
  /** True once every stage is done, failed or skipped. */
  finished: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  stages: Type.Object({ metadata: StageView, chat: StageView, audio: StageView, highlights: StageView }),
})
export type JobView = Static<typeof JobView>

export const JobParams = Type.Object({ jobId: JobId }, { additionalProperties: false })
export type JobParams = Static<typeof JobParams>
