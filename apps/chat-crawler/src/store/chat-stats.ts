import { type ChatStatsDocument, chatStatsId } from '@vodscope/contracts'
import type { Collection } from 'mongodb'
import { replaceById } from './replace-by-id.js'

export { type ChatStatsDocument, chatStatsId }

/** Replaces the chunk's stats: a redelivered chunk recounts from scratch and lands on the same values. */
export async function saveChunkStats(
  collection: Collection<ChatStatsDocument>,
  doc: Omit<ChatStatsDocument, '_id' | 'updatedAt'>,
): Promise<void> {
  await replaceById(collection, chatStatsId(doc.videoKey, doc.chunkIndex), { ...doc, updatedAt: new Date() })
}

/** The stats of one job's chunks that are stored, in chunk order (the `{videoKey, jobId, chunkIndex}` index). */
export async function loadChunkStats(
  collection: Collection<ChatStatsDocument>,
  videoKey: string,
  jobId: string,
  chunkCount: number,
): Promise<ChatStatsDocument[]> {
  return collection
    .find({ videoKey, jobId, chunkIndex: { $lt: chunkCount } })
    .sort({ chunkIndex: 1 })
    .toArray()
}

/** A re-run with fewer chunks must not leave the old run's tail behind for readers of `chat_stats`. */
export async function dropStaleChunkStats(
  collection: Collection<ChatStatsDocument>,
  videoKey: string,
  chunkCount: number,
): Promise<void> {
  await collection.deleteMany({ videoKey, chunkIndex: { $gte: chunkCount } })
}
