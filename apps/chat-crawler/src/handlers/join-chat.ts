import type { ChatChunkV1 } from '@vodscope/contracts'
import type { FanIn, JobRef, JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import type { MomentOptions } from '../core/chat-moments.js'
import { computeChatSignal } from '../core/chat-signal.js'
import { ChatError } from '../errors.js'
import { dropOtherJobs } from '../store/chat-batches.js'
import { saveChatSignal } from '../store/chat-signal.js'
import { loadChunkStats } from '../store/chat-stats.js'
import type { ChatCollections } from '../store/collections.js'
import { setVideoChat } from '../store/video-chat.js'

/** Runs once every chunk of a job has landed; idempotent, as two callers may both run it. */
export type JoinChat = (chunk: ChatChunkV1) => Promise<void>

/** Re-ranks a video's highlights now that chat is in; a no-op while the audio stage is unfinished. */
export type FuseHighlights = (ref: JobRef) => Promise<void>

export interface JoinDeps {
  db: Db
  collections: ChatCollections
  stages: JobStages
  fanIn: FanIn
  moments: MomentOptions
  fuseHighlights: FuseHighlights
}

export const chatFanInId = (jobId: string): string => `chat/${jobId}`

/**
 * The fan-in's join: drop chat batches of earlier jobs, stitch the chunks' counts into the chat
 * signal, store it and the summary the gateway shows (those three at once), finish the stage, then
 * have the highlights re-ranked with chat. Fusion runs after the stage is marked done, and the audio
 * stage does the same in mirror: whichever finishes second sees both signals, so no interleaving
 * leaves the highlights without chat.
 */
export function createJoin(deps: JoinDeps): JoinChat {
  return async (chunk) => {
    const stats = await loadChunkStats(deps.collections.stats, chunk.videoKey, chunk.jobId, chunk.chunkCount)
    if (stats.length !== chunk.chunkCount) {
      throw new ChatError(
        'CHAT_STATS_INCOMPLETE',
        `${chunk.videoKey} job ${chunk.jobId}: ${stats.length} of ${chunk.chunkCount} chunk stats stored`,
      )
    }
    const durationSec = stats.reduce((max, s) => Math.max(max, s.endSec), 0)
    // Three writes to documents of their own, all needed before the stage is done: sent at once. The
    // delete goes out first, so the store works on it while the signal is computed here.
    await Promise.all([
      // Every chunk of this job is stored: what an earlier job's crawl left (another chunk plan) goes.
      dropOtherJobs(deps.collections.batches, chunk.videoKey, chunk.jobId),
      (async () => {
        const signal = computeChatSignal(stats, durationSec, deps.moments)
        await Promise.all([
          saveChatSignal(
            deps.collections.signal,
            { videoKey: chunk.videoKey, jobId: chunk.jobId, durationSec },
            signal,
          ),
          setVideoChat(deps.db, chunk.videoKey, {
            status: 'done',
            messageCount: signal.messageCount,
            uniqueChatters: signal.uniqueChatters,
            peakRatePerMin: signal.peakRatePerMin,
          }),
        ])
      })(),
    ])
    await deps.stages.finish(chunk, 'chat', { done: chunk.chunkCount, total: chunk.chunkCount })
    await deps.fuseHighlights(chunk)
    await deps.fanIn.markJoined(chatFanInId(chunk.jobId))
  }
}
