import { COLLECTIONS, isJobFinished, type JobDocument, parseVideoKey } from '@vodscope/contracts'
import type { MongoHandle } from '@vodscope/infra'
import type { SimHandle } from '@vodscope/upstream-sim'
import type { AcceptedJob } from './load.js'

export interface JobsOutcome {
  /** Finished with every stage done or skipped. */
  completed: number
  /** Finished with a failed stage; each one's `videoKey stage: code message`. */
  failed: string[]
  /** Accepted but not finished when the wait ended. */
  lost: string[]
  /** When the last accepted job finished (epoch ms), or undefined if some never did. */
  allFinishedAt: number | undefined
}

const POLL_MS = 1_000

/** Polls the jobs collection until every accepted job is finished or `timeoutMs` has passed. */
export async function waitForJobs(
  db: MongoHandle['db'],
  accepted: readonly AcceptedJob[],
  timeoutMs: number,
): Promise<JobsOutcome> {
  const wanted = new Set(accepted.map((a) => a.jobId))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const jobs = await readJobs(db).catch(() => undefined) // the database may be the thing that is down
    if (jobs !== undefined) {
      const finished = jobs.filter((j) => wanted.has(j._id) && isJobFinished(j.stages))
      if (finished.length === wanted.size || Date.now() > deadline) {
        return outcome(accepted, finished, finished.length === wanted.size ? Date.now() : undefined)
      }
    } else if (Date.now() > deadline) {
      return outcome(accepted, [], undefined)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

function readJobs(db: MongoHandle['db']): Promise<JobDocument[]> {
  return db
    .collection<JobDocument>(COLLECTIONS.jobs)
    .find({}, { projection: { videoKey: 1, stages: 1 } })
    .toArray()
}

function outcome(
  accepted: readonly AcceptedJob[],
  finished: JobDocument[],
  at: number | undefined,
): JobsOutcome {
  const done = new Set(finished.map((j) => j._id))
  const failed: string[] = []
  for (const job of finished) {
    for (const [stage, state] of Object.entries(job.stages)) {
      if (state.status === 'failed')
        failed.push(`${job.videoKey} ${stage}: ${state.error?.code} ${state.error?.message}`)
    }
  }
  const failedJobs = new Set(
    finished.filter((j) => Object.values(j.stages).some((s) => s.status === 'failed')),
  )
  return {
    completed: finished.length - failedJobs.size,
    failed,
    lost: accepted.filter((a) => !done.has(a.jobId)).map((a) => a.videoKey),
    allFinishedAt: at,
  }
}

export interface DuplicateReport {
  /** Jobs beyond one per videoKey. */
  extraJobs: number
  /** Stored chat messages beyond the simulator's count, summed over videos. */
  extraChatMessages: number
  /** Chat messages the simulator has that were not stored, summed over videos. */
  missingChatMessages: number
  /** Videos whose stored chat differs from the truth, as `videoKey stored/truth`. */
  chatMismatches: string[]
}

/**
 * Result documents that exist more than once. Results are keyed by natural ids (`_id` videoKey, or
 * videoKey:piece), so a redelivery can only show up as a second job for one video or as chat messages
 * beyond what the simulator generated (a message stored under two ids).
 */
export async function findDuplicates(
  db: MongoHandle['db'],
  sim: SimHandle,
  videoKeys: readonly string[],
): Promise<DuplicateReport> {
  const jobs = await db
    .collection<JobDocument>(COLLECTIONS.jobs)
    .find({}, { projection: { videoKey: 1 } })
    .toArray()
  const perVideo = new Map<string, number>()
  for (const job of jobs) perVideo.set(job.videoKey, (perVideo.get(job.videoKey) ?? 0) + 1)
  const report: DuplicateReport = {
    extraJobs: [...perVideo.values()].reduce((sum, n) => sum + n - 1, 0),
    extraChatMessages: 0,
    missingChatMessages: 0,
    chatMismatches: [],
  }
  // One pass over the chat batches, summing their message counts per video.
  const storedPerVideo = new Map(
    (
      await db
        .collection(COLLECTIONS.chatBatches)
        .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$videoKey', n: { $sum: '$count' } } }])
        .toArray()
    ).map((g) => [g._id, g.n]),
  )
  for (const videoKey of new Set(videoKeys)) {
    const parsed = parseVideoKey(videoKey)
    if (parsed === undefined) continue
    const { platform, videoId } = parsed
    const truth = sim.truth(platform, videoId).chat.messageCount
    const stored = storedPerVideo.get(videoKey) ?? 0
    if (stored > truth) report.extraChatMessages += stored - truth
    if (stored < truth) report.missingChatMessages += truth - stored
    if (stored !== truth) report.chatMismatches.push(`${videoKey} ${stored}/${truth}`)
  }
  return report
}
