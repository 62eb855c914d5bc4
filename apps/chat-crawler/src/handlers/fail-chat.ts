import type { JobRef, JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { setVideoChat } from '../store/video-chat.js'
import type { FuseHighlights } from './join-chat.js'

export interface StageFailure {
  code: string
  message: string
}

/**
 * Ends the chat stage as failed with its reason (worker-kit still dead-letters the chunk; replaying
 * it later can complete the stage), and lets the highlights be ranked without chat.
 */
export async function failChat(
  deps: { db: Db; stages: JobStages; fuseHighlights: FuseHighlights },
  ref: JobRef,
  failure: StageFailure,
): Promise<void> {
  await deps.stages.fail(ref, 'chat', failure)
  await setVideoChat(deps.db, ref.videoKey, {
    status: 'failed',
    messageCount: 0,
    reason: `${failure.code}: ${failure.message}`,
  })
  await deps.fuseHighlights(ref)
}
