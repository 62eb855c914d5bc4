import type { JobRef, JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { setVideoChat } from '../store/video-chat.js'
import type { FuseHighlights } from './join-chat.js'

export interface StageFailure {
  code: string
  message: string
}

export function failureOf(err: unknown): StageFailure {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  return {
    code: typeof code === 'string' ? code : 'CHAT_UNEXPECTED',
    message: typeof message === 'string' ? message : String(err),
  }
}

/** A permanent error, or a retryable one on its last attempt: the job must now say why. */
export function isFinalAttempt(err: unknown, attempt: number, attempts: number): boolean {
  return (err as { retryable?: unknown } | null)?.retryable === false || attempt >= attempts
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
