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

/**
 * The document of batch `seq` of a chunk; `messages` in the order crawled (VOD time). Messages may
 * carry more fields (a platform client's); only the stored ones are kept.
 */
export function batchDocument(
  chunk: { videoKey: string; jobId: string; chunkIndex: number },
  seq: number,
  messages: readonly StoredChatMessage[],
): ChatBatchDocument {
  const { videoKey, jobId, chunkIndex } = chunk
  if (messages.length === 0) throw new RangeError('a chat batch holds at least one message')
  return {
    _id: chatBatchId(videoKey, chunkIndex, seq),
    videoKey,
    jobId,
    chunkIndex,
    seq,
    firstMs: messages[0]!.offsetMs,
    lastMs: messages[messages.length - 1]!.offsetMs,
    count: messages.length,
    messages: messages.map(storedMessage),
  }
}

/** Only the fields the pipeline keeps, so a client's extra fields never grow the document. */
function storedMessage(m: StoredChatMessage): StoredChatMessage {
  const stored: StoredChatMessage = {
    id: m.id,
    offsetMs: m.offsetMs,
    authorId: m.authorId,
    authorName: m.authorName,
    text: m.text,
    kind: m.kind,
  }
  if (m.amount !== undefined) stored.amount = m.amount
  if (m.emotes !== undefined && m.emotes.length > 0) stored.emotes = m.emotes
  return stored
}
