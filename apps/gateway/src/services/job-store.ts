import { COLLECTIONS, type JobDocument } from '@vodscope/contracts'
import { type Db, MongoBulkWriteError } from 'mongodb'
import { GatewayError } from '../errors.js'
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
   * Queues new jobs for insert without waiting (write-behind): `findById` answers for them from memory
   * until they are stored. False when they were dropped instead (database overloaded); the extractor
   * records every job when it takes its message.
   */
  recordQueued(jobs: JobDocument[]): boolean
  /** Rejects with DATABASE_UNAVAILABLE when the database did not answer in time. */
  findById(jobId: string): Promise<JobDocument | null>
  close(): Promise<void>
}

const DUPLICATE_KEY = 11_000
const MAX_LOOKUP_BATCH = 64 // keys per lookup flush: past the intake deadline a bigger flush answers nobody
const MAX_INSERT_BATCH = 500 // documents per insertMany
const LOOKUPS_IN_PARALLEL = 4 // equality queries in flight per lookup flush
const RECORD_MAX_AGE_MS = 30_000 // a queued insert older than this is dropped: the extractor has recorded the job
const RECORD_RETRY_MS = 1_000 // one second between attempts while the database is away
const RECORD_BACKLOG_MAX = 20_000 // documents waiting for the database before new ones are dropped

/**
 * `jobs` in MongoDB, as intake uses it: lookups and inserts micro-batched like produces, one round trip
 * at a time. A lookup waits at most `intakeTimeoutMs`, and not at all while the database keeps missing
 * that deadline (DbBreaker). Inserts are write-behind: intake never waits for them.
 */
export class MongoJobStore implements JobStore {
  private readonly lookups: MicroBatcher<string[], Map<string, string>>
  private readonly inserts: MicroBatcher<JobDocument[], void>
  private readonly breaker: DbBreaker
  /** Jobs queued for insert and not yet confirmed, so this instance can answer GET for them at once. */
  private readonly pending = new Map<string, JobDocument>()
  private readonly pendingByVideo = new Map<string, JobDocument>()
  private indexed: Promise<unknown> | undefined
  private closed = false

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
    // Jobs still waiting for their insert are this instance's newest: no need to ask the database.
    const jobs = new Map<string, string>()
    for (const key of videoKeys) {
      const queued = this.pendingByVideo.get(key)
      if (queued !== undefined) jobs.set(key, queued._id)
    }
    const ask = videoKeys.filter((key) => !jobs.has(key))
    if (ask.length === 0) return { jobs, complete: true }
    const admission = this.breaker.admit()
    if (admission === 'skip') return { jobs, complete: false }
    const lookup = this.lookups.submit(ask, this.intakeTimeoutMs).then(
      (found) => {
        this.breaker.success()
        return found
      },
      () => {
        this.breaker.failure()
        return undefined
      },
    )
    // A probe finds out whether the database is back; the request that sent it does not pay for it.
    if (admission === 'probe') return { jobs, complete: false }
    const found = await lookup
    for (const [key, id] of found ?? []) jobs.set(key, id)
    return { jobs, complete: found !== undefined }
  }

  recordQueued(jobs: JobDocument[]): boolean {
    // While the database misses deadlines, queueing inserts would only feed it more than it keeps up
    // with; the extractor records these jobs when it takes their messages.
    if (this.breaker.isOpen() || this.pending.size + jobs.length > RECORD_BACKLOG_MAX) return false
    for (const job of jobs) {
      this.pending.set(job._id, job)
      this.pendingByVideo.set(job.videoKey, job)
    }
    void this.store(jobs).finally(() => {
      for (const job of jobs) {
        this.pending.delete(job._id)
        if (this.pendingByVideo.get(job.videoKey) === job) this.pendingByVideo.delete(job.videoKey)
      }
    })
    return true
  }

  /** The stored job, else one this instance has queued for insert (it is `queued` by definition). */
  async findById(jobId: string): Promise<JobDocument | null> {
    try {
      const stored = await this.mongo.run((db) =>
        db.collection<JobDocument>(COLLECTIONS.jobs).findOne({ _id: jobId }),
      )
      return stored ?? this.pending.get(jobId) ?? null
    } catch (error) {
      const pending = this.pending.get(jobId)
      if (pending !== undefined) return pending
      throw databaseUnavailable(error)
    }
  }

  async close(): Promise<void> {
    this.closed = true
    this.lookups.close()
    this.inserts.close()
  }

  /** Retries while the database is away, until the jobs are older than RECORD_MAX_AGE_MS. */
  private async store(jobs: JobDocument[]): Promise<boolean> {
    const giveUpAt = Date.now() + RECORD_MAX_AGE_MS
    for (;;) {
      try {
        await this.inserts.submit(jobs, giveUpAt - Date.now())
        return true
      } catch {
        if (this.closed || Date.now() + RECORD_RETRY_MS >= giveUpAt) return false
        await sleep(RECORD_RETRY_MS)
        if (this.breaker.isOpen()) return false
      }
    }
  }

  /**
   * One equality query per key, a few at a time, instead of one `$in`. On MongoDB both use the
   * `videoKey` index. FerretDB 1.24 (the devstack) serves only `_id` equality from an index and scans
   * `jobs` for anything else, so each lookup here costs a pass over the collection: acceptable for
   * intake, which is batched and off the request path, but it grows with `jobs` (see the closing notes
   * of issue 9 in bench/chaos/RESULTS.md).
   */
  private newestJobs(videoKeys: string[]): Promise<Map<string, string>> {
    return this.mongo.run(async (db) => {
      await this.ensureIndex(db)
      const jobs = db.collection<JobDocument>(COLLECTIONS.jobs)
      const newest = new Map<string, string>()
      let next = 0
      const worker = async () => {
        while (next < videoKeys.length) {
          const key = videoKeys[next++]!
          const docs = await jobs.find({ videoKey: key }, { projection: { _id: 1, createdAt: 1 } }).toArray()
          const latest = docs.reduce<(typeof docs)[number] | undefined>(
            (best, doc) => (best === undefined || doc.createdAt > best.createdAt ? doc : best),
            undefined,
          )
          if (latest !== undefined) newest.set(key, latest._id)
        }
      }
      await Promise.all(Array.from({ length: Math.min(LOOKUPS_IN_PARALLEL, videoKeys.length) }, worker))
      return newest
    })
  }

  private insertNew(docs: JobDocument[]): Promise<void> {
    return this.mongo.run(async (db) => {
      try {
        await db.collection<JobDocument>(COLLECTIONS.jobs).insertMany(docs, { ordered: false })
      } catch (error) {
        // A job that exists already (another request, or the extractor was faster) is what we want.
        const onlyDuplicates =
          error instanceof MongoBulkWriteError &&
          (Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]).every(
            (e) => e.code === DUPLICATE_KEY,
          )
        if (!onlyDuplicates) throw error
      }
    })
  }

  /** "The newest job of a video" is looked up by videoKey; nothing else creates this index. */
  private ensureIndex(db: Db): Promise<unknown> {
    this.indexed ??= db
      .collection(COLLECTIONS.jobs)
      .createIndex({ videoKey: 1 })
      .catch((error: unknown) => {
        this.indexed = undefined
        this.log.warn({ err: error }, 'could not create the jobs index on videoKey; will retry')
      })
    return this.indexed
  }
}

export function databaseUnavailable(cause: unknown): GatewayError {
  if (cause instanceof GatewayError) return cause
  const error = new GatewayError('DATABASE_UNAVAILABLE', 'MongoDB did not answer in time. Retry later.')
  error.cause = cause
  return error
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
