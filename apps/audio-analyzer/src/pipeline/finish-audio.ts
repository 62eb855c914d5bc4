import {
  computeHighlights,
  type HighlightDeps,
  type HighlightOutcome,
  isHighlightError,
  loadSeries,
  type StoredSeries,
  summarise,
} from '@vodscope/highlights'
import type { JobRef } from '@vodscope/worker-kit'
import { setVideoAudio } from '../store/video-audio.js'
import { failAudio, failureOf } from './failures.js'

/**
 * The audio fan-in's join, run when the last segment lands: stitch, reject silence, publish the
 * summary, mark the stage done, then rank. Idempotent — a worker that died mid-join has its last
 * segment redelivered and the join runs again from stored segments.
 */
export async function finishAudio(
  deps: HighlightDeps,
  ref: JobRef,
  segmentCount: number,
): Promise<HighlightOutcome | 'audio-failed'> {
  let stored: StoredSeries
  let summary: ReturnType<typeof summarise>
  try {
    stored = await loadSeries(deps.db, ref)
    summary = summarise(stored.series)
  } catch (err) {
    // Silent audio or a series that does not add up will not change on retry: end the stage with why.
    if (!isHighlightError(err) || err.retryable) throw err
    await failAudio(deps, ref, failureOf(err))
    return 'audio-failed'
  }
  await setVideoAudio(deps.db, ref.videoKey, {
    status: 'done',
    analysedSec: summary.analysedSec,
    meanDb: summary.meanDb,
    peakDb: summary.peakDb,
  })
  // Done before ranking: the chat stage's finisher checks this status to decide whether to fuse.
  await deps.stages.finish(ref, 'audio', { done: segmentCount, total: segmentCount })
  return computeHighlights(deps, ref, stored)
}
