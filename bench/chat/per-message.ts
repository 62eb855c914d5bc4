/**
 * The chat layout before bench/chat measured it: one document per message, `_id` `platform:messageId`,
 * written by unordered `insertMany` with duplicates ignored. Kept here only so the benchmark can time
 * it beside today's `chat_batches` (one document per write batch) in the same run.
 */
import type { Platform } from '@vodscope/contracts'
import { isDuplicateKey } from '@vodscope/infra'
import type { ChatMessage } from '@vodscope/platforms'
import { type Db, MongoBulkWriteError } from 'mongodb'

export const PER_MESSAGE_COLLECTION = 'bench_chat_messages'

export async function perMessageWriter(db: Db, platform: Platform, videoKey: string) {
  const collection = db.collection<{ _id: string }>(PER_MESSAGE_COLLECTION)
  await collection.createIndex({ videoKey: 1, offsetMs: 1 }) // the index that layout had
  return async (messages: readonly ChatMessage[]): Promise<void> => {
    if (messages.length === 0) return
    const docs = messages.map((m) => ({
      _id: `${platform}:${m.id}`,
      videoKey,
      offsetMs: m.offsetMs,
      authorId: m.authorId,
      authorName: m.authorName,
      text: m.text,
      kind: m.kind,
      ...(m.amount === undefined ? {} : { amount: m.amount }),
    }))
    try {
      await collection.insertMany(docs, { ordered: false })
    } catch (err) {
      const errors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : []
      if (errors.length === 0 || !errors.every(isDuplicateKey)) throw err
    }
  }
}
