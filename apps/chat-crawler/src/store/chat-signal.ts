import type { Collection } from 'mongodb'
import type { ChatSignal } from '../core/chat-signal.js'
import { replaceById } from './replace-by-id.js'

/**
 * `chat_signal`: the chat stage's result per video, `_id` videoKey. A document of its own rather than
 * fields on `videos`, so the extractor rewriting a video's metadata can never erase it. The gateway's
 * chat summary (`ChatSummary` in contracts) is `status`, `messageCount`, `uniqueChatters`,
 * `peakRatePerMin` and `reason` of this document. A skipped stage has the same shape, empty.
 */
export interface ChatSignalDocument extends ChatSignal {
  _id: string
  videoKey: string
  jobId: string
  status: 'done' | 'skipped'
  reason: string | null
  /** Null when skipped: nothing was measured. */
  durationSec: number | null
  computedAt: Date
}

export async function saveChatSignal(
  collection: Collection<ChatSignalDocument>,
  target: { videoKey: string; jobId: string; durationSec: number },
  signal: ChatSignal,
): Promise<void> {
  await replaceById(collection, target.videoKey, {
    ...target,
    ...signal,
    status: 'done',
    reason: null,
    computedAt: new Date(),
  })
}

export async function saveChatSkipped(
  collection: Collection<ChatSignalDocument>,
  target: { videoKey: string; jobId: string },
  reason: string,
): Promise<void> {
  const empty: ChatSignal = {
    messageCount: 0,
    uniqueChatters: 0,
    peakRatePerMin: 0,
    chattersPerMinute: [],
    moments: [],
  }
  await replaceById(collection, target.videoKey, {
    ...target,
    ...empty,
    status: 'skipped',
    reason,
    durationSec: null,
    computedAt: new Date(),
  })
}
