import type { Collection } from 'mongodb'
import type { MinuteChatters } from '../core/chunk-tally.js'
import { replaceById } from './replace-by-id.js'

/**
 * `chat_stats`: one document per (videoKey, chunk). `counts[i]` is the number of messages in second
 * `startSec + i` of VOD time. Chunks may share their boundary second (SOOP parts start at fractional
 * seconds): readers add counts of the same second. The audio analyzer reads `startSec` and `counts`
 * for fusion; `chatters` and the rest serve the chat fan-in.
 */
export interface ChatStatsDocument {
  _id: string
  videoKey: string
  chunkIndex: number
  startSec: number
  /** The chunk's end in VOD time (fractional); the last chunk's is the VOD's length. */
  endSec: number
  counts: number[]
  chatters: MinuteChatters[]
  messageCount: number
  jobId: string
  chunkCount: number
  updatedAt: Date
}

export function chatStatsId(videoKey: string, chunkIndex: number): string {
  return `${videoKey}:${chunkIndex}`
}

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
