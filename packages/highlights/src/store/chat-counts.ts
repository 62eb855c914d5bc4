import type { ChatBatchDocument, ChatStatsDocument, StoredChatMessage } from '@vodscope/contracts'
import type { Collection } from 'mongodb'

/** The `chat_stats` fields fusion reads (contracts' ChatStatsDocument, written by the chat crawler). */
export type ChatStatsRead = Pick<
  ChatStatsDocument,
  '_id' | 'videoKey' | 'chunkIndex' | 'chunkCount' | 'startSec' | 'counts'
>

/**
 * Per-second chat counts of a video over [0, durationSec). Chunks may share a boundary second
 * (fractional SOOP part starts), so counts of the same second add up.
 */
export async function loadChatCounts(
  collection: Collection<ChatStatsRead>,
  videoKey: string,
  durationSec: number,
): Promise<number[]> {
  const length = Math.ceil(durationSec)
  const counts = new Array<number>(length).fill(0)
  // Stale chunks of an earlier run with more chunks are deleted by the chat stage when it re-runs.
  const chunks = await collection.find({ videoKey }, { projection: { startSec: 1, counts: 1 } }).toArray()
  for (const chunk of chunks) {
    const first = Math.floor(chunk.startSec)
    chunk.counts.forEach((n, i) => {
      const sec = first + i
      if (sec >= 0 && sec < length) counts[sec] = (counts[sec] ?? 0) + n
    })
  }
  return counts
}

/**
 * A video's chat messages with VOD offset in [fromMs, toMs), in time order: the `chat_batches` whose
 * range meets the window (on the `{videoKey, chunkIndex, seq}` index), then the messages inside it.
 */
export async function loadChatWindow(
  collection: Collection<ChatBatchDocument>,
  videoKey: string,
  fromMs: number,
  toMs: number,
): Promise<StoredChatMessage[]> {
  const batches = collection
    .find({ videoKey, lastMs: { $gte: fromMs }, firstMs: { $lt: toMs } }, { projection: { messages: 1 } })
    .sort({ chunkIndex: 1, seq: 1 })
  const inside: StoredChatMessage[] = []
  for await (const batch of batches) {
    for (const m of batch.messages) if (m.offsetMs >= fromMs && m.offsetMs < toMs) inside.push(m)
  }
  return inside
}
