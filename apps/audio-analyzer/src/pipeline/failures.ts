import type { JobRef, JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { setVideoAudio } from '../store/video-audio.js'

export interface StageFailure {
  code: string
  message: string
}

export function failureOf(err: unknown): StageFailure {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  return {
    code: typeof code === 'string' ? code : 'AUDIO_UNEXPECTED',
    message: typeof message === 'string' ? message : String(err),
  }
}

/**
 * Whether this failure is the last word: a permanent error, or a retryable one on its last attempt.
 * Then the job must say why; worker-kit still dead-letters the message for the operators.
 */
export function isFinalAttempt(err: unknown, attempt: number, attempts: number): boolean {
  const retryable = (err as { retryable?: unknown } | null)?.retryable
  return retryable === false || attempt >= attempts
}

/**
 * Ends the audio stage with its reason and skips the highlights, which need audio. The gateway shows
 * the reason on the job and in the video's audio summary.
 */
export async function failAudio(
  deps: { db: Db; stages: JobStages },
  ref: JobRef,
  failure: StageFailure,
): Promise<void> {
  await deps.stages.fail(ref, 'audio', failure)
  await setVideoAudio(deps.db, ref.videoKey, {
    status: 'failed',
    analysedSec: 0,
    reason: `${failure.code}: ${failure.message}`,
  })
  await deps.stages.skip(ref, 'highlights', {
    code: 'AUDIO_FAILED',
    message: `skipped: audio failed (${failure.code})`,
  })
}
