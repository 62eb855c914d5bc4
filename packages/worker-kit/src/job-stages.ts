import {
  COLLECTIONS,
  codecs,
  type JobDocument,
  type JobEventV1,
  type StageState,
  TOPICS,
} from '@vodscope/contracts'
import type { Producer } from 'kafkajs'
import type { Db, Filter, UpdateFilter } from 'mongodb'
import { WorkerError } from './errors.js'

export type StageName = JobEventV1['stage']
/** What every message carries to name its job; any pipeline message can be passed as is. */
export type JobRef = Pick<JobEventV1, 'jobId' | 'videoKey' | 'platform' | 'videoId'>
export type ClaimResult = { claimed: true; attempts: number } | { claimed: false; status: 'done' | 'skipped' }

export interface JobStages {
  /**
   * Marks the stage running and counts an attempt, unless it is already done or skipped: then the
   * caller acknowledges the message without redoing the work (a redelivery). A failed stage can be
   * claimed again, so a replayed dead letter gets another go.
   */
  claim(ref: JobRef, stage: StageName): Promise<ClaimResult>
  /** Records progress of a running stage; never moves `done` backwards (late, reordered updates). */
  progress(ref: JobRef, stage: StageName, progress: { done: number; total: number }): Promise<boolean>
  finish(ref: JobRef, stage: StageName, progress?: { done: number; total: number }): Promise<boolean>
  fail(ref: JobRef, stage: StageName, error: { code: string; message: string }): Promise<boolean>
  skip(ref: JobRef, stage: StageName, reason?: { code: string; message: string }): Promise<boolean>
}

/** Statuses a stage can still leave: a failed stage can be claimed again (a replayed dead letter). */
const OPEN = ['queued', 'running', 'failed'] as const
const eventCodec = codecs[TOPICS.jobEvents]

/**
 * Stage bookkeeping on the `jobs` document, one atomic conditional update per change, each followed
 * by a JobEventV1 on vod.job-events.v1 (key jobId) for the gateway's live progress. The update comes
 * first: a crash between the two loses a live event, never the stored state, which the gateway reads
 * for status anyway. Updates that change nothing (a redelivery) emit nothing.
 *
 * The chat and audio stages of one job run at the same time in different processes and write the
 * same document; each change names the state it moves from in its filter, so the database applies it
 * or not in one step, and concurrent changes of different stages never overwrite each other.
 */
export function createJobStages(deps: {
  db: Db
  producer: Producer
  /** Where events go: pass `namespace(prefix).topics.jobEvents` when topics carry a prefix. */
  topic?: string
  now?: () => Date
}): JobStages {
  const topic = deps.topic ?? TOPICS.jobEvents
  const jobs = deps.db.collection<JobDocument>(COLLECTIONS.jobs)
  const now = deps.now ?? (() => new Date())

  async function emit(
    ref: JobRef,
    stage: StageName,
    status: StageState['status'],
    extra: Partial<JobEventV1>,
    at: Date,
  ) {
    const event: JobEventV1 = {
      version: 1,
      jobId: ref.jobId,
      videoKey: ref.videoKey,
      platform: ref.platform,
      videoId: ref.videoId,
      stage,
      status,
      ...extra,
      at: at.toISOString(),
    }
    await deps.producer.send({
      topic,
      messages: [{ key: ref.jobId, value: eventCodec.encode(event) }],
    })
  }

  /** The stage's state now, for callers whose update matched nothing; throws when there is no such job. */
  async function current(ref: JobRef, stage: StageName): Promise<StageState> {
    const job = await jobs.findOne({ _id: ref.jobId }, { projection: { [`stages.${stage}`]: 1 } })
    const state = job?.stages?.[stage]
    if (state === undefined) {
      throw new WorkerError(
        'WORKER_JOB_NOT_FOUND',
        `job ${ref.jobId} has no ${stage} stage in ${COLLECTIONS.jobs}`,
      )
    }
    return state
  }

  /**
   * Applies `set` if the job matches `filter` (the stage's state it moves from), in one atomic update.
   * Returns whether it applied; a job without the stage is an error.
   */
  async function change(
    ref: JobRef,
    stage: StageName,
    filter: Filter<JobDocument>,
    set: Record<string, unknown>,
    at: Date,
  ): Promise<boolean> {
    const result = await jobs.updateOne({ ...filter, _id: ref.jobId }, {
      $set: { ...set, updatedAt: at },
    } as UpdateFilter<JobDocument>)
    if (result.matchedCount === 1) return true
    await current(ref, stage)
    return false
  }

  const open = (stage: StageName) => ({ [`stages.${stage}.status`]: { $in: OPEN } }) as Filter<JobDocument>

  return {
    async claim(ref, stage) {
      const path = `stages.${stage}`
      const at = now()
      const before = await jobs.findOneAndUpdate(
        { ...open(stage), _id: ref.jobId },
        {
          $set: {
            [`${path}.status`]: 'running',
            [`${path}.startedAt`]: at,
            [`${path}.finishedAt`]: null,
            [`${path}.error`]: null,
            updatedAt: at,
          },
          $inc: { [`${path}.attempts`]: 1 },
        } as UpdateFilter<JobDocument>,
        { returnDocument: 'before', projection: { [path]: 1 } },
      )
      const claimed = before?.stages?.[stage]
      if (claimed !== undefined) {
        await emit(ref, stage, 'running', {}, at)
        return { claimed: true, attempts: claimed.attempts + 1 }
      }
      const state = await current(ref, stage)
      return { claimed: false, status: state.status === 'skipped' ? 'skipped' : 'done' }
    },

    async progress(ref, stage, progress) {
      const path = `stages.${stage}`
      const at = now()
      // Never backwards (late, reordered updates), and nothing written when nothing changes.
      const forward = {
        [`${path}.status`]: 'running',
        $or: [
          { [`${path}.progress.done`]: { $lt: progress.done } },
          { [`${path}.progress.done`]: progress.done, [`${path}.progress.total`]: { $ne: progress.total } },
        ],
      } as Filter<JobDocument>
      const changed = await change(ref, stage, forward, { [`${path}.progress`]: progress }, at)
      if (changed) await emit(ref, stage, 'running', { progress }, at)
      return changed
    },

    async finish(ref, stage, progress) {
      const path = `stages.${stage}`
      const at = now()
      const set = {
        [`${path}.status`]: 'done',
        [`${path}.finishedAt`]: at,
        [`${path}.error`]: null,
        ...(progress === undefined ? {} : { [`${path}.progress`]: progress }),
      }
      const changed = await change(ref, stage, open(stage), set, at)
      if (changed) await emit(ref, stage, 'done', progress === undefined ? {} : { progress }, at)
      return changed
    },

    async fail(ref, stage, error) {
      const path = `stages.${stage}`
      const at = now()
      const set = { [`${path}.status`]: 'failed', [`${path}.finishedAt`]: at, [`${path}.error`]: error }
      const changed = await change(ref, stage, open(stage), set, at)
      if (changed) await emit(ref, stage, 'failed', { error }, at)
      return changed
    },

    async skip(ref, stage, reason) {
      const path = `stages.${stage}`
      const at = now()
      const set = {
        [`${path}.status`]: 'skipped',
        [`${path}.finishedAt`]: at,
        [`${path}.error`]: reason ?? null,
      }
      const changed = await change(ref, stage, open(stage), set, at)
      if (changed) await emit(ref, stage, 'skipped', reason === undefined ? {} : { error: reason }, at)
      return changed
    },
  }
}
