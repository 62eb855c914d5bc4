import {
  COLLECTIONS,
  codecs,
  type JobDocument,
  type JobEventV1,
  type StageState,
  TOPICS,
} from '@vodscope/contracts'
import type { Producer } from 'kafkajs'
import type { Db, UpdateFilter } from 'mongodb'
import { withDocumentLock } from './document-lock.js'
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

const FINAL = ['done', 'skipped'] as const
const eventCodec = codecs[TOPICS.jobEvents]

/**
 * Stage bookkeeping on the `jobs` document, one single-document update per change, each followed by
 * a JobEventV1 on vod.job-events.v1 (key jobId) for the gateway's live progress. The update comes
 * first: a crash between the two loses a live event, never the stored state, which the gateway reads
 * for status anyway. Updates that change nothing (a redelivery) emit nothing.
 *
 * The chat and audio stages of one job run at the same time in different processes and write the
 * same document. On MongoDB each update is atomic; FerretDB loses concurrent updates of a document,
 * so every change holds the job's lease (document-lock.ts) for its few milliseconds, reading the job
 * and writing it back by `_id`.
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

  const locked = <T>(ref: JobRef, fn: () => Promise<T>) => withDocumentLock(deps.db, `jobs/${ref.jobId}`, fn)

  /**
   * Under the job's lease: reads the job, and when `applies` to the stage's state, writes `set` (and
   * `inc`). Returns the state it read, or undefined when nothing was written. Both go by `_id` alone:
   * FerretDB serves only that from an index, and a conditional filter (`{_id, 'stages.x.status': …}`)
   * made it scan every job on each stage change. The lease is what makes read-then-write safe.
   */
  function update(
    ref: JobRef,
    stage: StageName,
    applies: (state: StageState) => boolean,
    set: Record<string, unknown>,
    at: Date,
    inc?: Record<string, number>,
  ): Promise<StageState | undefined> {
    return locked(ref, async () => {
      const job = await jobs.findOne({ _id: ref.jobId })
      const state = job?.stages?.[stage]
      if (state === undefined) {
        throw new WorkerError(
          'WORKER_JOB_NOT_FOUND',
          `job ${ref.jobId} has no ${stage} stage in ${COLLECTIONS.jobs}`,
        )
      }
      if (!applies(state)) return undefined
      await jobs.updateOne({ _id: ref.jobId }, {
        $set: { ...set, updatedAt: at },
        ...(inc === undefined ? {} : { $inc: inc }),
      } as UpdateFilter<JobDocument>)
      return state
    })
  }

  const open = (state: StageState) => !(FINAL as readonly string[]).includes(state.status)

  return {
    async claim(ref, stage) {
      const path = `stages.${stage}`
      const at = now()
      const set = {
        [`${path}.status`]: 'running',
        [`${path}.startedAt`]: at,
        [`${path}.finishedAt`]: null,
        [`${path}.error`]: null,
      }
      let seen: StageState | undefined
      const before = await update(
        ref,
        stage,
        (state) => {
          seen = state
          return open(state)
        },
        set,
        at,
        { [`${path}.attempts`]: 1 },
      )
      if (before !== undefined) {
        await emit(ref, stage, 'running', {}, at)
        return { claimed: true, attempts: before.attempts + 1 }
      }
      return { claimed: false, status: seen?.status === 'skipped' ? 'skipped' : 'done' }
    },

    async progress(ref, stage, progress) {
      const path = `stages.${stage}`
      const at = now()
      // Never backwards (late, reordered updates), and nothing written when nothing changes.
      const applies = (state: StageState) =>
        state.status === 'running' &&
        state.progress.done <= progress.done &&
        (state.progress.done !== progress.done || state.progress.total !== progress.total)
      const changed =
        (await update(ref, stage, applies, { [`${path}.progress`]: progress }, at)) !== undefined
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
      const changed = (await update(ref, stage, open, set, at)) !== undefined
      if (changed) await emit(ref, stage, 'done', progress === undefined ? {} : { progress }, at)
      return changed
    },

    async fail(ref, stage, error) {
      const path = `stages.${stage}`
      const at = now()
      const set = { [`${path}.status`]: 'failed', [`${path}.finishedAt`]: at, [`${path}.error`]: error }
      const changed = (await update(ref, stage, open, set, at)) !== undefined
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
      const changed = (await update(ref, stage, open, set, at)) !== undefined
      if (changed) await emit(ref, stage, 'skipped', reason === undefined ? {} : { error: reason }, at)
      return changed
    },
  }
}
