import { COLLECTIONS } from '@vodscope/contracts'
import type { Db, IndexSpecification } from 'mongodb'

/**
 * Every secondary index of the pipeline's collections, in one place. Uniqueness is always the `_id`
 * (natural ids), so these serve reads only; each names the query it serves.
 */
export const INDEXES: readonly { collection: string; key: IndexSpecification; serves: string }[] = [
  {
    collection: COLLECTIONS.jobs,
    key: { videoKey: 1, createdAt: -1 },
    serves: 'the newest job of a video (intake)',
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
export const DUPLICATE_KEY_CODE = 11_000

/**
 * Whether a write failed because the document (or its unique key) exists: how MongoDB tells the loser
 * of "who was first". Takes a thrown error or one entry of a bulk write's `writeErrors`.
 */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY_CODE
}
