import { COLLECTIONS, type LatestJobDocument } from '@vodscope/contracts'
import type { AnyBulkWriteOperation, Db, IndexSpecification } from 'mongodb'
import { MongoBulkWriteError } from 'mongodb'

/**
 * Every secondary index of the pipeline's collections, in one place. Uniqueness is always the `_id`
 * (natural ids), so these serve reads only; each names the query it serves.
 */
export const INDEXES: readonly { collection: string; key: IndexSpecification; serves: string }[] = [
  {
    collection: COLLECTIONS.jobs,
    key: { videoKey: 1, createdAt: -1 },
    serves: 'a video’s jobs, newest first (ops queries; intake reads latest_jobs by _id)',
  },
  { collection: COLLECTIONS.jobs, key: { createdAt: -1 }, serves: 'newest jobs first (GET /v1/jobs)' },
  {
    collection: COLLECTIONS.chatBatches,
    key: { videoKey: 1, chunkIndex: 1, seq: 1 },
    serves: 'a video’s chat batches in time order; a chunk’s batches left by an earlier crawl',
  },
  {
    collection: COLLECTIONS.chatStats,
    key: { videoKey: 1, jobId: 1, chunkIndex: 1 },
    serves: 'a job’s chat chunks in order',
  },
  {
    collection: COLLECTIONS.audioLoudness,
    key: { videoKey: 1, jobId: 1, segmentIndex: 1 },
    serves: 'a job’s loudness segments in order',
  },
]

/** Creates every index in INDEXES; idempotent, run by each process at start-up. */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const { collection, key } of INDEXES) await db.collection(collection).createIndex(key)
}

/** MongoDB's duplicate-key error code: a unique index (or `_id`) refused a write. */
const DUPLICATE_KEY_CODE = 11_000

/**
 * Whether a write failed because the document (or its unique key) exists: how MongoDB tells the loser
 * of "who was first". Takes a thrown error or one entry of a bulk write's `writeErrors`.
 */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY_CODE
}

/**
 * Points each video's `latest_jobs` entry at its job unless a newer job is there already: one bulk
 * write of conditional upserts. The condition (`createdAt` older) makes the upsert of a video whose
 * entry is newer try an insert, which its `_id` refuses with a duplicate key: that refusal is the
 * "newer job wins" outcome, not an error.
 */
export async function pointLatestJobs(
  db: Db,
  jobs: readonly { videoKey: string; jobId: string; createdAt: Date }[],
): Promise<void> {
  if (jobs.length === 0) return
  const ops: AnyBulkWriteOperation<LatestJobDocument>[] = jobs.map((job) => ({
    updateOne: {
      filter: { _id: job.videoKey, createdAt: { $lt: job.createdAt } },
      update: { $set: { jobId: job.jobId, createdAt: job.createdAt } },
      upsert: true,
    },
  }))
  try {
    await db.collection<LatestJobDocument>(COLLECTIONS.latestJobs).bulkWrite(ops, { ordered: false })
  } catch (err) {
    const errors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : []
    if (errors.length === 0 || !errors.every(isDuplicateKey)) throw err
  }
}
