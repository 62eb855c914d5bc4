import { type ChatBatchDocument, COLLECTIONS, type Highlight, type JobDocument } from '@vodscope/contracts'
import { type JobRef, type JobStages, WorkerError } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { loadDetectOptions } from './config.js'
import { chatLabels } from './rank/chat-labels.js'
import { type DetectOptions, detectHighlights } from './rank/detect-highlights.js'
import { summarise } from './series/summary.js'
import { type ChatStatsRead, loadChatCounts, loadChatWindow } from './store/chat-counts.js'
import { saveHighlights } from './store/highlights-store.js'
import { loadSeries, type StoredSeries } from './store/load-series.js'

export interface HighlightDeps {
  db: Db
  stages: JobStages
  /** Ranking settings; read from `VODSCOPE_AUDIO_TOP_K` and `…_MIN_GAP_SEC` when absent. */
  detect?: DetectOptions
}

/**
 * - `waiting-for-audio`: nothing to rank yet (or the audio stage failed and skipped the highlights);
 * - `provisional`: ranked by audio alone while chat is still running; chat's finisher re-ranks;
 * - `final`: ranked with every signal there will be, and the highlights stage is done.
 */
export type HighlightOutcome = 'waiting-for-audio' | 'provisional' | 'final'

const TERMINAL = ['done', 'failed', 'skipped'] as const

/**
 * Ranks a job's highlights from whatever signals are ready. Both the audio fan-in and the chat
 * stage call it when they finish, each after marking its own stage done: whichever reads second sees
 * both stages done, so the fused ranking is always computed at least once (twice is harmless: the
 * inputs are stored and the result is the same). Safe to call at any time, any number of times.
 */
export async function computeHighlights(
  deps: HighlightDeps,
  ref: JobRef,
  /** The stitched series, when the caller (the audio join) has it already. */
  stored?: StoredSeries,
): Promise<HighlightOutcome> {
  const job = await deps.db
    .collection<JobDocument>(COLLECTIONS.jobs)
    .findOne({ _id: ref.jobId }, { projection: { 'stages.audio.status': 1, 'stages.chat.status': 1 } })
  if (job === null) throw new WorkerError('WORKER_JOB_NOT_FOUND', `job ${ref.jobId} has no document`)
  if (job.stages.audio.status !== 'done') return 'waiting-for-audio'
  const chat = job.stages.chat.status
  const final = (TERMINAL as readonly string[]).includes(chat)

  const { series, durationSec } = stored ?? (await loadSeries(deps.db, ref))
  const chatCounts =
    chat === 'done'
      ? await loadChatCounts(
          deps.db.collection<ChatStatsRead>(COLLECTIONS.chatStats),
          ref.videoKey,
          durationSec,
        )
      : undefined
  const ranked = detectHighlights(
    { platform: ref.platform, videoId: ref.videoId, loudness: series, ...(chatCounts ? { chatCounts } : {}) },
    deps.detect ?? loadDetectOptions(),
  )
  const highlights = chatCounts === undefined ? ranked : await withChatLabels(deps.db, ref.videoKey, ranked)
  const summary = summarise(series)
  const wrote = await saveHighlights(deps.db, {
    videoKey: ref.videoKey,
    jobId: ref.jobId,
    highlights,
    fused: { audio: true, chat: chatCounts !== undefined },
    final,
    audio: {
      status: 'done',
      analysedSec: summary.analysedSec,
      meanDb: summary.meanDb,
      peakDb: summary.peakDb,
    },
  })
  if (final) {
    await deps.stages.finish(ref, 'highlights', { done: 1, total: 1 })
    return 'final'
  }
  // A provisional ranking is visible already; the stage stays running until chat has its say.
  if (wrote) await deps.stages.claim(ref, 'highlights')
  return 'provisional'
}

/** Each highlight with what chat said in its window (a few batch documents per highlight). */
async function withChatLabels(db: Db, videoKey: string, highlights: Highlight[]): Promise<Highlight[]> {
  const batches = db.collection<ChatBatchDocument>(COLLECTIONS.chatBatches)
  return Promise.all(
    highlights.map(async (h) => ({
      ...h,
      chat: chatLabels(await loadChatWindow(batches, videoKey, h.startSec * 1000, h.endSec * 1000)),
    })),
  )
}
