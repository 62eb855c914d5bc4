import { COLLECTIONS, type JobDocument, type LatestJobDocument } from '@vodscope/contracts'
import { isDuplicateKey, pointLatestJobs } from '@vodscope/infra'
import { MongoBulkWriteError } from 'mongodb'
import { databaseUnavailable } from '../errors.js'
import { DbBreaker } from './db-breaker.js'
import type { Log } from './log.js'
import { MicroBatcher } from './micro-batcher.js'
import type { MongoConnection } from './mongo-connection.js'

/** What the gateway reads and writes in `jobs`. */
export interface JobStore {
  /**
   * The newest job id of each video that has one. `complete` is false when the database was not asked
   * or did not answer in time: the videos missing from `jobs` may then have a job after all.
   */
  findLatest(videoKeys: string[]): Promise<{ jobs: Map<string, string>; complete: boolean }>
  /**
   * Inserts new jobs and resolves once they are stored (a job that exists already counts as stored).
   * Resolves false when the database did not answer in time: the extractor then records each job
   * when it takes its message.
   */
  record(jobs: JobDocument[]): Promise<boolean>
  /** Rejects with DATABASE_UNAVAILABLE when the database did not answer in time. */
  findById(jobId: string): Promise<JobDocument | null>
  close(): Promise<void>
}

const MAX_LOOKUP_BATCH = 500 // keys per lookup: one `$in` query on the videoKey index
const MAX_INSERT_BATCH = 500 // documents per insertMany

/**
 * `jobs` in MongoDB, as intake uses it: lookups and inserts micro-batched like produces, so requests
 * arriving together share one query and one insertMany. Both wait at most `intakeTimeoutMs`, and not
 * at all while the database keeps missing that deadline (DbBreaker). The `{videoKey, createdAt}`
 * index the lookup uses is created at start-up with the others (@vodscope/infra `ensureIndexes`).
 */
export class MongoJobStore implements JobStore {
  private readonly lookups: MicroBatcher<string[], Map<string, string>>
  private readonly inserts: MicroBatcher<JobDocument[], void>
  private readonly breaker: DbBreaker

  constructor(
    private readonly mongo: MongoConnection,
    private readonly log: Log,
    private readonly intakeTimeoutMs: number,
  ) {
    this.breaker = new DbBreaker(log)
    this.lookups = new MicroBatcher({
      flush: async (groups) => {
        const newest = await this.newestJobs([...new Set(groups.flat())])
        return groups.map(
          (keys) => new Map(keys.flatMap((k) => (newest.has(k) ? [[k, newest.get(k)!]] : []))),
        )
      },
      size: (keys) => keys.length,
      maxBatch: MAX_LOOKUP_BATCH,
      maxConcurrent: 1,
      lingerMs: 0,
    })
    this.inserts = new MicroBatcher({
      flush: async (groups) => {
        await this.insertNew(groups.flat())
        return groups.map(() => undefined)
      },
      size: (docs) => docs.length,
      maxBatch: MAX_INSERT_BATCH,
      maxConcurrent: 1,
      lingerMs: 0,
    })
  }

  async findLatest(videoKeys: string[]) {
    const found = await this.guarded(() => this.lookups.submit(videoKeys, this.intakeTimeoutMs))
    return { jobs: found ?? new Map<string, string>(), complete: found !== undefined }
  }

  async record(jobs: JobDocument[]): Promise<boolean> {
    if (jobs.length === 0) return true
    return (
      (await this.guarded(() => this.inserts.submit(jobs, this.intakeTimeoutMs).then(() => true))) === true
    )
  }

  async findById(jobId: string): Promise<JobDocument | null> {
    try {
      return await this.mongo.run((db) =>
        db.collection<JobDocument>(COLLECTIONS.jobs).findOne({ _id: jobId }),
      )
    } catch (error) {
      throw databaseUnavailable(error)
    }
  }

  async close(): Promise<void> {
    this.lookups.close()
    this.inserts.close()
  }

  /**
   * Runs an intake step under the breaker: undefined when the database did not answer in time or is
   * not being asked. A probe finds out whether it is back; the request that sent it does not wait.
   */
  private async guarded<T>(step: () => Promise<T>): Promise<T | undefined> {
    const admission = this.breaker.admit()
    if (admission === 'skip') return undefined
    const result = step().then(
      (value) => {
        this.breaker.success()
        return value
      },
      () => {
        this.breaker.failure()
        return undefined
      },
    )
    return admission === 'probe' ? undefined : result
  }

  /** The newest job of each video: one `$in` on `latest_jobs._id` (a key lookup on every server). */
  private newestJobs(videoKeys: string[]): Promise<Map<string, string>> {
    return this.mongo.run(async (db) => {
      const docs = await db
        .collection<LatestJobDocument>(COLLECTIONS.latestJobs)
        .find({ _id: { $in: videoKeys } }, { projection: { jobId: 1 } })
        .toArray()
      return new Map(docs.map((doc) => [doc._id, doc.jobId]))
    })
  }

  /** Inserts the jobs, then points `latest_jobs` at the ones this call created. */
  private insertNew(docs: JobDocument[]): Promise<void> {
    return this.mongo.run(async (db) => {
      let created = docs
      try {
        await db.collection<JobDocument>(COLLECTIONS.jobs).insertMany(docs, { ordered: false })
      } catch (error) {
        // A job that exists already (another request, or the extractor was faster) is what we want.
        const writeErrors = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : []
        if (writeErrors.length === 0 || !writeErrors.every(isDuplicateKey)) throw error
        const existing = new Set(writeErrors.map((e) => e.index))
        created = docs.filter((_, i) => !existing.has(i))
      }
      await pointLatestJobs(
        db,
        created.map((job) => ({ videoKey: job.videoKey, jobId: job._id, createdAt: job.createdAt })),
      )
    })
  }
}
