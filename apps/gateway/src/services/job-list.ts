import { COLLECTIONS, type JobDocument } from '@vodscope/contracts'
import { databaseUnavailable } from '../errors.js'
import type { MongoConnection } from './mongo-connection.js'

/** The newest jobs, for the dashboard's jobs list. */
export interface JobList {
  /** Newest first; rejects with DATABASE_UNAVAILABLE when MongoDB does not answer in time. */
  recent(limit: number): Promise<JobDocument[]>
  close(): Promise<void>
}

export class MongoJobList implements JobList {
  constructor(private readonly mongo: MongoConnection) {}

  async recent(limit: number): Promise<JobDocument[]> {
    try {
      return await this.mongo.run((db) =>
        db.collection<JobDocument>(COLLECTIONS.jobs).find({}).sort({ createdAt: -1 }).limit(limit).toArray(),
      )
    } catch (error) {
      throw databaseUnavailable(error)
    }
  }

  async close(): Promise<void> {}
}
