/** One chat message as the platform clients return it and `chat_batches` stores it. */
export interface StoredChatMessage {
  /** Unique per platform: the platform's id, or for SOOP (whose rows have none) part, kind, time and user. */
  id: string
  /** VOD time from the start of the first part, ms. */
  offsetMs: number
  authorId: string
  authorName: string
  text: string
  kind: 'chat' | 'donation'
  /** SOOP balloons, YouTube Super Chat (in the currency's units). */
  amount?: number
  /** Twitch: the names of the message's emote fragments, in order (at most 20). */
  emotes?: string[]
}

/**
 * `chat_batches`: a chunk's messages in VOD-time order, one document per write batch of the chat
 * crawler; `_id` is `chatBatchId(videoKey, chunkIndex, seq)`. Written by the chat crawler; fusion
 * reads the messages of each highlight's window.
 */
export interface ChatBatchDocument {
  _id: string
  videoKey: string
  /** The job whose crawl wrote the batch. */
  jobId: string
  chunkIndex: number
  seq: number
  /** VOD offsets of the first and last message, ms: lets a reader ask for a time window. */
  firstMs: number
  lastMs: number
  count: number
  messages: StoredChatMessage[]
}

export function chatBatchId(videoKey: string, chunkIndex: number, seq: number): string {
  return `${videoKey}#${chunkIndex}#${seq}`
}
