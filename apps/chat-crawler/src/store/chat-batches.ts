import {
  batchDocument,
  type ChatBatchDocument,
  chatBatchId,
  type StoredChatMessage,
} from '@vodscope/contracts'
import { isDuplicateKey } from '@vodscope/infra'
import type { Collection, Filter } from 'mongodb'

export { batchDocument, type ChatBatchDocument, type StoredChatMessage }

/**
 * The chat crawler writes `chat_batches` (its shape is in contracts): a chunk's messages in time
 * order, one document per write batch of up to the crawler's batch size (500 by default). `_id` is
 * `videoKey#chunkIndex#seq`, so a re-crawl of the chunk (a redelivery after a crash, a forced
 * re-run, a zombie worker racing the new owner) replaces the same documents instead of adding
 * copies, and `dropStaleBatches` removes any a shorter re-crawl no longer writes. A forced re-run
 * with another chunk plan writes other ids: the join removes the batches of earlier jobs
 * (`dropOtherJobs`) once every chunk of its own is stored. One document per message was two thirds
 * of a crawl's time on the embedded store (bench/chat); a batch costs one index entry per 500
 * messages, and a chunk's batches that are ready together go in one round trip.
 */

/**
 * Stores batches of one chunk in one ordered bulk write (one round trip, one commit on the embedded
 * store), each replacing the document a previous crawl of the chunk left under the same id. Ordered,
 * so a write that fails part-way leaves the lower `seq`s stored and the higher ones not: a chunk's
 * stored batches are always `seq` 0 to k - 1, which `storedBatchCount` relies on. Two upserts racing
 * on a new id can make one fail with a duplicate key (the other inserted first); the document exists
 * then, and the retry replaces it.
 */
export async function writeBatches(
  collection: Collection<ChatBatchDocument>,
  docs: readonly ChatBatchDocument[],
): Promise<void> {
  if (docs.length === 0) return
  const ops = docs.map((doc) => ({
    replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
  }))
  try {
    await collection.bulkWrite(ops, { ordered: true })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    await collection.bulkWrite(ops, { ordered: true })
  }
}

/**
 * How many batches earlier crawls left for a chunk (its highest `seq` + 1, 0 for none): read before
 * the crawl, together with the chunk's other start-up reads, so that after the crawl only a delete
 * that is needed costs a round trip. Earlier crawls have ended (died, or been revoked) by the time a
 * chunk is crawled again; a zombie still writing writes the same messages, so the same batches.
 *
 * A chunk's batches are always `seq` 0 to k - 1 (crawls write in `seq` order, deletes remove only
 * the highest ones, or every one of a job), so without batch 0 there are none: that lookup by `_id`
 * answers the first crawl of every chunk. Only when batch 0 exists does the `{videoKey, chunkIndex}`
 * query run, which the embedded store answers from its in-memory index, built by the first query that
 * needs it (packages/infra/README.md), and FerretDB by scanning the collection.
 */
export async function storedBatchCount(
  collection: Collection<ChatBatchDocument>,
  videoKey: string,
  chunkIndex: number,
): Promise<number> {
  const first = await collection.findOne(
    { _id: chatBatchId(videoKey, chunkIndex, 0) },
    { projection: { _id: 1 } },
  )
  if (first === null) return 0
  const last = await collection.findOne(
    { videoKey, chunkIndex },
    { projection: { seq: 1 }, sort: { seq: -1 } },
  )
  return last === null ? 0 : last.seq + 1
}

/**
 * Removes the batches a chunk's earlier crawl wrote past `written` (a re-crawl that found fewer),
 * given `storedBefore` from `storedBatchCount`: nearly always there are none, and then nothing is
 * sent.
 */
export async function dropStaleBatches(
  collection: Collection<ChatBatchDocument>,
  chunk: { videoKey: string; chunkIndex: number },
  batches: { written: number; storedBefore: number },
): Promise<void> {
  if (batches.storedBefore <= batches.written) return
  await collection.deleteMany({
    videoKey: chunk.videoKey,
    chunkIndex: chunk.chunkIndex,
    seq: { $gte: batches.written },
  })
}

/** Removes a video's batches written by jobs other than `jobId`: run by the join, after every chunk. */
export async function dropOtherJobs(
  collection: Collection<ChatBatchDocument>,
  videoKey: string,
  jobId: string,
): Promise<void> {
  await collection.deleteMany({ videoKey, jobId: { $ne: jobId } })
}

export interface MessageWindow {
  /** Inclusive, ms of VOD time. */
  fromMs?: number
  /** Exclusive, ms of VOD time. */
  toMs?: number
}

/**
 * A video's stored messages in VOD-time order, optionally only those in [fromMs, toMs). Reads the
 * batches on the `{videoKey, chunkIndex, seq}` index; a window skips batches that end before it or
 * start after it.
 */
export async function readChatMessages(
  collection: Collection<ChatBatchDocument>,
  videoKey: string,
  window: MessageWindow = {},
): Promise<StoredChatMessage[]> {
  const filter: Filter<ChatBatchDocument> = { videoKey }
  if (window.fromMs !== undefined) filter.lastMs = { $gte: window.fromMs }
  if (window.toMs !== undefined) filter.firstMs = { $lt: window.toMs }
  const out: StoredChatMessage[] = []
  const cursor = collection.find(filter, { projection: { messages: 1 } }).sort({ chunkIndex: 1, seq: 1 })
  for await (const batch of cursor) {
    for (const m of batch.messages) {
      if (window.fromMs !== undefined && m.offsetMs < window.fromMs) continue
      if (window.toMs !== undefined && m.offsetMs >= window.toMs) continue
      out.push(m)
    }
  }
  return out
}

/** How many messages are stored for a video (or for every video when `videoKey` is omitted). */
export async function countChatMessages(
  collection: Collection<ChatBatchDocument>,
  videoKey?: string,
): Promise<number> {
  const match = videoKey === undefined ? {} : { videoKey }
  const [total] = await collection
    .aggregate<{ n: number }>([{ $match: match }, { $group: { _id: null, n: { $sum: '$count' } } }])
    .toArray()
  return total?.n ?? 0
}
