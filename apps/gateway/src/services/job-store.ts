import { COLLECTIONS, type JobDocument } from '@vodscope/contracts'
import { MongoBulkWriteError } from 'mongodb'
import { GatewayError } from '../errors.js'
import type { Log } from './log.js'
import { MicroBatcher } from './micro-batcher.js'
import type { MongoConnection } from './mongo-connection.js'

/** What the gateway reads and writes in `jobs`. */
export interface JobStore {
  /** The newest job id of each video that has one; `null` when the database did not answer in time. */
  findLatest(videoKeys: string[]): Promise<Map<string, string> | null>
  /** Inserts jobs that do not exist yet; best effort, resolves false instead of throwing. */
  recordQueued(jobs: JobDocument[]): Promise<boolean>
  /** Rejects with DATABASE_UNAVAILABLE when the database did not answer in time. */
  findById(jobId: string): Promise<JobDocument | null>
  close(): Promise<void>
}

const DUPLICATE_KEY = 11_000
const DB_FLUSHES_IN_FLIGHT = 2 // round trips to MongoDB at once per kind of work
const DB_MAX_BATCH = 1_000 // keys or documents per round trip

/**
 * `jobs` in MongoDB. Intake lookups and inserts are micro-batched like produces: under load one `$in`
 * query and one `insertMany` serve many requests, which keeps FerretDB off the critical path.
 */
export class MongoJobStore implements JobStore {
  private readonly lookups: MicroBatcher<string[], Map<string, string>>
  private readonly inserts: MicroBatcher<JobDocument[], void>

  constructor(
    private readonly mongo: MongoConnection,
    private readonly log: Log,
  ) {
    this.lookups = new MicroBatcher({
      flush: async (groups) => {
        const newest = await this.newestJobs([...new Set(groups.flat())])
        return groups.map(
          (keys) => new Map(keys.flatMap((k) => (newest.has(k) ? [[k, newest.get(k)!]] : []))),
        )
      },
      size: (keys) => keys.length,
      maxBatch: DB_MAX_BATCH,
      maxConcurrent: DB_FLUSHES_IN_FLIGHT,
      lingerMs: 0,
    })
    this.inserts = new MicroBatcher({
      flush: async (groups) => {
        await this.insertNew(groups.flat())
        return groups.map(() => undefined)
      },
      size: (docs) => docs.length,
      maxBatch: DB_MAX_BATCH,
      maxConcurrent: DB_FLUSHES_IN_FLIGHT,
      lingerMs: 0,
    })
  }

  async findLatest(videoKeys: string[]): Promise<Map<string, string> | null> {
    try {
      return await this.lookups.submit(videoKeys, this.mongo.timeoutMs)
    } catch (error) {
      this.log.warn({ err: error }, 'job lookup skipped: mongodb did not answer')
      return null
    }
  }

  async recordQueued(jobs: JobDocument[]): Promise<boolean> {
    try {
      await this.inserts.submit(jobs, this.mongo.timeoutMs)
      return true
    } catch (error) {
      this.log.warn({ err: error }, 'jobs not recorded: mongodb did not answer (the extractor records them)')
      return false
    }
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

  private newestJobs(videoKeys: string[]): Promise<Map<string, string>> {
    return this.mongo.run(async (db) => {
      const docs = await db
        .collection<JobDocument>(COLLECTIONS.jobs)
        .find({ videoKey: { $in: videoKeys } }, { projection: { _id: 1, videoKey: 1, createdAt: 1 } })
        .toArray()
      const newest = new Map<string, { id: string; at: number }>()
      for (const doc of docs) {
        const at = doc.createdAt instanceof Date ? doc.createdAt.getTime() : 0
        const seen = newest.get(doc.videoKey)
        if (seen === undefined || at > seen.at) newest.set(doc.videoKey, { id: doc._id, at })
      }
      return new Map([...newest].map(([key, { id }]) => [key, id]))
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
}

export function databaseUnavailable(cause: unknown): GatewayError {
  if (cause instanceof GatewayError) return cause
  const error = new GatewayError('DATABASE_UNAVAILABLE', 'MongoDB did not answer in time. Retry later.')
  error.cause = cause
  return error
}
