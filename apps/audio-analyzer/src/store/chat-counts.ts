import { findByIds } from '@vodscope/infra'
import type { Collection } from 'mongodb'

/**
 * The fields of the chat crawler's `chat_stats` documents (apps/chat-crawler/src/store/chat-stats.ts)
 * that fusion reads: one document per (videoKey, chunk), `counts[i]` messages in VOD second
 * `startSec + i`. Declared here rather than imported because apps never import each other.
 */
export interface ChatStatsRead {
  _id: string
  videoKey: string
  chunkIndex: number
  /** How many chunks the video's chat was split into; every chunk's document repeats it. */
  chunkCount: number
  startSec: number
  counts: number[]
}

/** The chat crawler's `_id` of a chunk's document (`chatStatsId` in apps/chat-crawler). */
const chatStatsId = (videoKey: string, chunkIndex: number) => `${videoKey}:${chunkIndex}`

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
  // Chunk 0 first for the count, then the rest, all by `_id` (see `findByIds`).
  const first = await collection.findOne({ _id: chatStatsId(videoKey, 0) })
  const rest = Array.from({ length: Math.max(0, (first?.chunkCount ?? 0) - 1) }, (_, i) =>
    chatStatsId(videoKey, i + 1),
  )
  const chunks = first === null ? [] : [first, ...(await findByIds(collection, rest))]
  for (const chunk of chunks) {
    const first = Math.floor(chunk.startSec)
    chunk.counts.forEach((n, i) => {
      const sec = first + i
      if (sec >= 0 && sec < length) counts[sec] = (counts[sec] ?? 0) + n
    })
  }
  return counts
}
