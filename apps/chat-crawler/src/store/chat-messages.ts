import type { Platform } from '@vodscope/contracts'
import { isDuplicateKey } from '@vodscope/infra'
import type { ChatMessage } from '@vodscope/platforms'
import { type Collection, MongoBulkWriteError } from 'mongodb'

/**
 * `chat_messages`: `_id` is `platform:messageId`, so the primary key itself makes a message unique per
 * (platform, message id) — no second unique index to keep, and a redelivered chunk cannot add a copy.
 * Platform and message id are not repeated as fields: the store writes tens of thousands of these per
 * VOD, and on the devstack's FerretDB insert throughput falls with every byte of the document.
 */
export interface ChatMessageDocument {
  _id: `${Platform}:${string}`
  videoKey: string
  offsetMs: number
  authorId: string
  authorName: string
  text: string
  kind: 'chat' | 'donation'
  amount?: number
}

export function messageDocument(platform: Platform, videoKey: string, m: ChatMessage): ChatMessageDocument {
  const doc: ChatMessageDocument = {
    _id: `${platform}:${m.id}`,
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
 * Writes one batch as an unordered bulk insert: the server applies every document it can, in any
 * order. A message already stored (a redelivered chunk) fails with a duplicate key, which is success
 * here; any other failure is thrown. Plain inserts rather than upserts: an insert needs no read first.
 */
export async function writeMessages(
  collection: Collection<ChatMessageDocument>,
  docs: readonly ChatMessageDocument[],
): Promise<void> {
  if (docs.length === 0) return
  try {
    await collection.insertMany([...docs], { ordered: false })
  } catch (err) {
    if (err instanceof MongoBulkWriteError && onlyDuplicates(err)) return
    throw err
  }
}

function onlyDuplicates(err: MongoBulkWriteError): boolean {
  const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]
  return errors.length > 0 && errors.every(isDuplicateKey)
}
