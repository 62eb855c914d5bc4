import { isPlatformError } from '@vodscope/platforms'
import type { JobRef, JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { saveChatSkipped } from '../store/chat-signal.js'
import type { ChatCollections } from '../store/collections.js'
import { setVideoChat } from '../store/video-chat.js'
import type { FuseHighlights } from './join-chat.js'

export interface SkipReason {
  code: string
  message: string
}

/** Ends the chat stage as `skipped`, with the reason on the job, the video and the signal document. */
export type SkipChat = (ref: JobRef, reason: SkipReason) => Promise<void>

/** Skipped is final: the highlights are then ranked without chat (a no-op while audio is unfinished). */
export function createSkip(deps: {
  db: Db
  collections: ChatCollections
  stages: JobStages
  fuseHighlights: FuseHighlights
}): SkipChat {
  return async (ref, reason) => {
    await saveChatSkipped(
      deps.collections.signal,
      { videoKey: ref.videoKey, jobId: ref.jobId },
      reason.message,
    )
    await setVideoChat(deps.db, ref.videoKey, { status: 'skipped', messageCount: 0, reason: reason.message })
    await deps.stages.skip(ref, 'chat', reason)
    await deps.fuseHighlights(ref)
  }
}

/**
 * The skip reason when `err` says the video's chat replay does not exist or is refused (a YouTube
 * upload, or a replay flow the platform changed); undefined for anything worth retrying.
 */
export function unavailableReason(err: unknown): SkipReason | undefined {
  if (!isPlatformError(err) || err.code !== 'PLATFORM_CHAT_UNAVAILABLE') return undefined
  return { code: err.code, message: err.message }
}
