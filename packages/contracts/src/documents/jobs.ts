import type { Static } from 'typebox'
import type { Progress, Stage, StageStatus } from '../messages/common.js'
import type { Platform } from '../video-key.js'

/**
 * Shapes of the stored documents that more than one app reads or writes. The collection owner
 * creates the indexes; every writer uses idempotent upserts keyed by these ids.
 */
export interface StageState {
  status: Static<typeof StageStatus>
  progress: Static<typeof Progress>
  error: { code: string; message: string } | null
  attempts: number
  startedAt: Date | null
  finishedAt: Date | null
}

/** `jobs`: `_id` is the jobId. The newest job of a video is the one with the latest `createdAt`. */
export interface JobDocument {
  _id: string
  videoKey: string
  platform: Platform
  videoId: string
  force: boolean
  createdAt: Date
  updatedAt: Date
  stages: Record<Static<typeof Stage>, StageState>
}

/**
 * `latest_jobs`: `_id` videoKey → the newest job of that video. The intake reads it by `_id` (one key
 * lookup per link, on any server; a query on `jobs.videoKey` scans on FerretDB, and on mongo-java-server
 * needs the launcher's in-memory index, which the first such query after a start builds by reading
 * every job). Written with the job, moved forward only (`createdAt`).
 */
export interface LatestJobDocument {
  _id: string
  jobId: string
  createdAt: Date
}

export function emptyStage(): StageState {
  return {
    status: 'queued',
    progress: { done: 0, total: 0 },
    error: null,
    attempts: 0,
    startedAt: null,
    finishedAt: null,
  }
}

/** A job is finished when no stage can change any more. */
export function isJobFinished(stages: JobDocument['stages']): boolean {
  return Object.values(stages).every(
    (s) => s.status === 'done' || s.status === 'failed' || s.status === 'skipped',
  )
}

/** The document of a job nobody has worked on yet; written by whoever sees the job first. */
export function newJobDocument(
  ref: { jobId: string; videoKey: string; platform: Platform; videoId: string },
  force: boolean,
  now: Date,
): JobDocument {
  return {
    _id: ref.jobId,
    videoKey: ref.videoKey,
    platform: ref.platform,
    videoId: ref.videoId,
    force,
    createdAt: now,
    updatedAt: now,
    stages: { metadata: emptyStage(), chat: emptyStage(), audio: emptyStage(), highlights: emptyStage() },
  }
}
