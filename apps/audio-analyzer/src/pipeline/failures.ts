import { describeFailure, type JobRef, type JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { setVideoAudio } from '../store/video-audio.js'

export interface StageFailure {
  code: string
  message: string
}

/** The code and message of an audio failure, as the job records it. */
export function failureOf(err: unknown): StageFailure {
  return describeFailure(err, 'AUDIO_UNEXPECTED')
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
