import Type, { type Static } from 'typebox'
import { TOPICS } from '../topics.js'
import { envelope, IsoTime, Progress, Stage, StageError, StageStatus } from './common.js'

/** A change of one stage of one job: status, progress, error. Key: jobId. Read by the gateway (SSE). */
export const JobEventV1 = Type.Object({
  ...envelope,
  stage: Stage,
  status: StageStatus,
  progress: Type.Optional(Progress),
  error: Type.Optional(StageError),
  at: IsoTime,
})
export type JobEventV1 = Static<typeof JobEventV1>
export const JOB_EVENT_V1_TOPIC = TOPICS.jobEvents
