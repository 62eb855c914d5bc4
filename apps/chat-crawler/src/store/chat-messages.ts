import type { Platform, VideoKey } from '@vodscope/contracts'
import type { Collection } from 'mongodb'

/** A crawled chat message as the chunk worker has it; `offsetMs` is VOD time. */
export interface CrawledMessage {
  id: string
  offsetMs: number
  authorId: string
  authorName: string
  text: string
  kind: 'chat' | 'donation'
  amount?: number
}

/**
 * `chat_messages`: `_id` is `platform:messageId`, so the primary key itself makes a message unique per
 * (platform, message id) — no second unique index to keep, and a redelivered chunk cannot add a copy.
 */
export interface ChatMessageDocument {
  _id: string
  platform: Platform
  messageId: string
  videoKey: VideoKey
  offsetMs: number
  authorId: string
  authorName: string
  text: string
  kind: 'chat' | 'donation'
  amount?: number
}

export function messageDocument(
  platform: Platform,
  videoKey: VideoKey,
  m: CrawledMessage,
): ChatMessageDocument {
  const doc: ChatMessageDocument = {
    _id: `${platform}:${m.id}`,
    platform,
    messageId: m.id,
    videoKey,
    offsetMs: m.offsetMs,
    authorId: m.authorId,
    authorName: m.authorName,
    text: m.text,
    kind: m.kind,
  }
  if (m.amount !== undefined) doc.amount = m.amount
  return doc
}

/**
 * Writes one batch as an unordered bulk of insert-if-absent upserts: the server may apply them in any
 * order and one failure does not stop the rest; a message already stored (redelivery) is left alone.
 */
export async function writeMessages(
  collection: Collection<ChatMessageDocument>,
  docs: readonly ChatMessageDocument[],
): Promise<void> {
  if (docs.length === 0) return
  await collection.bulkWrite(
    docs.map((doc) => ({
      updateOne: { filter: { _id: doc._id }, update: { $setOnInsert: doc }, upsert: true },
    })),
    { ordered: false },
  )
}
