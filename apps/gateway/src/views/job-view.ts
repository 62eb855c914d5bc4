import {
  isJobFinished,
  type JobDocument,
  type JobView,
  type StageState,
  type StageView,
} from '@vodscope/contracts'

/** `jobs` document → `GET /v1/jobs/:jobId` body. */
export function toJobView(job: JobDocument): JobView {
  return {
    jobId: job._id,
    videoKey: job.videoKey,
    platform: job.platform,
    finished: isJobFinished(job.stages),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    stages: {
      metadata: toStageView(job.stages.metadata),
      chat: toStageView(job.stages.chat),
      audio: toStageView(job.stages.audio),
      highlights: toStageView(job.stages.highlights),
    },
  }
}

function toStageView(stage: StageState): StageView {
  return {
    status: stage.status,
    progress: stage.progress,
    error: stage.error,
    attempts: stage.attempts,
    startedAt: stage.startedAt?.toISOString() ?? null,
    finishedAt: stage.finishedAt?.toISOString() ?? null,
  }
}
