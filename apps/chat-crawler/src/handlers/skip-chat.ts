import type { JobRef, JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { saveChatSkipped } from '../store/chat-signal.js'
import type { ChatCollections } from '../store/collections.js'
import { setVideoChat } from '../store/video-chat.js'

export interface SkipReason {
  code: string
  message: string
}

/** Ends the chat stage as `skipped`, with the reason on the job, the video and the signal document. */
export type SkipChat = (ref: JobRef, reason: SkipReason) => Promise<void>

export function createSkip(deps: { db: Db; collections: ChatCollections; stages: JobStages }): SkipChat {
  return async (ref, reason) => {
    await saveChatSkipped(
      deps.collections.signal,
      { videoKey: ref.videoKey, jobId: ref.jobId },
      reason.message,
    )
    await setVideoChat(deps.db, ref.videoKey, { status: 'skipped', messageCount: 0, reason: reason.message })
    await deps.stages.skip(ref, 'chat', reason)
  }
}

/** Codes of upstream errors that mean "this video's chat cannot be had", not "try again later". */
const UNAVAILABLE_CODES = new Set(['PLATFORM_CHAT_UNAVAILABLE'])

/** The skip reason when `err` says the chat replay does not exist or is refused; else undefined. */
export function unavailableReason(err: unknown): SkipReason | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const { code, message } = err as { code?: unknown; message?: unknown }
  if (typeof code !== 'string' || !UNAVAILABLE_CODES.has(code)) return undefined
  return { code, message: typeof message === 'string' ? message : code }
}
