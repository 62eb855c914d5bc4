import { COLLECTIONS } from '@vodscope/contracts'
import type { Collection, Db } from 'mongodb'
import type { ChatBatchDocument } from './chat-batches.js'
import type { ChatSignalDocument } from './chat-signal.js'
import type { ChatStatsDocument } from './chat-stats.js'

/** Not in contracts' COLLECTIONS: only the chat crawler writes it; the gateway reads it. */
export const CHAT_SIGNAL_COLLECTION = 'chat_signal'

export interface ChatCollections {
  batches: Collection<ChatBatchDocument>
  stats: Collection<ChatStatsDocument>
  signal: Collection<ChatSignalDocument>
}

export function chatCollections(db: Db): ChatCollections {
  return {
    batches: db.collection<ChatBatchDocument>(COLLECTIONS.chatBatches),
    stats: db.collection<ChatStatsDocument>(COLLECTIONS.chatStats),
    signal: db.collection<ChatSignalDocument>(CHAT_SIGNAL_COLLECTION),
  }
}
