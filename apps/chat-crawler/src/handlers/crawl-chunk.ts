import type { ChatChunkV1 } from '@vodscope/contracts'
import type { ChatMessage } from '@vodscope/platforms'
import {
  describeFailure,
  type FanIn,
  type Handler,
  type HandlerContext,
  type JobStages,
  ProgressThrottle,
} from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import { ChunkTally } from '../core/chunk-tally.js'
import type { ChatSource } from '../crawl/chat-source.js'
import { guardPages, pageBudget } from '../crawl/page-guard.js'
import { writeInBatches } from '../crawl/write-in-batches.js'
import { batchDocument, dropStaleBatches, storedBatchCount, writeBatches } from '../store/chat-batches.js'
import { chatStatsId, saveChunkStats } from '../store/chat-stats.js'
import type { ChatCollections } from '../store/collections.js'
import { chatStageEnd } from '../store/job-status.js'
import { failChat } from './fail-chat.js'
import { chatFanInId, type FuseHighlights, type JoinChat } from './join-chat.js'
import { type SkipChat, unavailableReason } from './skip-chat.js'

export interface ChunkDeps {
  db: Db
  collections: ChatCollections
  stages: JobStages
  fanIn: FanIn
  source: ChatSource
  /** Messages per bulk write. */
  writeBatch: number
  join: JoinChat
  skip: SkipChat
  fuseHighlights: FuseHighlights
  /**
   * Least time between two progress reports of one job from this worker; the last chunk always
   * reports, or when it runs the join, the stage's finish does.
   */
  progressIntervalMs?: number
}

const PROGRESS_INTERVAL_MS = 1_000 // a second: enough for a progress bar

/**
 * One chunk: crawl its range, stream the new messages to `chat_batches` in batch documents, store its
 * per-second counts, then mark it done in the fan-in; the chunk that completes the set runs the join.
 *
 * Redelivery and resume: a chunk whose stats are stored for this job was crawled completely (stats
 * are written after the last message), so it only repeats the fan-in step — which is what lets a
 * redelivered last chunk finish a join its worker died in. An unfinished chunk is crawled again and
 * its batches replace the ones the earlier crawl stored under the same ids.
 */
export function createChunkHandler(deps: ChunkDeps): Handler<ChatChunkV1> {
  const progress = new ProgressThrottle(deps.progressIntervalMs ?? PROGRESS_INTERVAL_MS)
  return async (chunk, ctx) => {
    try {
      await handleChunk(deps, chunk, ctx, progress)
    } catch (err) {
      // Aborted (revoked, stopping): not a failure, the chunk is redelivered.
      if (ctx.isFinal(err)) {
        const failure = describeFailure(err, 'CHAT_UNEXPECTED')
        ctx.log.error({ code: failure.code }, 'chunk failed for good; failing the chat stage')
        // The chunk's own error is what gets dead-lettered; a failure to record it must not replace it.
        await failChat(deps, chunk, failure).catch((recordErr: unknown) =>
          ctx.log.error({ err: recordErr }, 'could not mark the chat stage failed'),
        )
      }
      throw err
    }
  }
}

async function handleChunk(
  deps: ChunkDeps,
  chunk: ChatChunkV1,
  ctx: HandlerContext,
  progress: ProgressThrottle,
): Promise<void> {
  // The start-up reads at once: one round trip, not three. The second and third are only needed when
  // the stage has not ended, which is nearly always.
  const [ended, existing, storedBefore] = await Promise.all([
    chatStageEnd(deps.db, chunk.jobId),
    // By `_id` alone: the one lookup FerretDB serves from an index (packages/infra/README.md).
    deps.collections.stats.findOne(
      { _id: chatStatsId(chunk.videoKey, chunk.chunkIndex) },
      { projection: { jobId: 1 } },
    ),
    storedBatchCount(deps.collections.batches, chunk.videoKey, chunk.chunkIndex),
  ])
  if (ended === 'done') {
    // The join marks the stage done before it fuses the highlights, and marks the fan-in joined
    // last. A worker killed in between leaves the fan-in unjoined: a redelivered chunk finishes that
    // join, or the highlights would wait for chat forever (found by the worker-crash chaos scenario).
    const result = await deps.fanIn.markDone({
      id: chatFanInId(chunk.jobId),
      piece: chunk.chunkIndex,
      total: chunk.chunkCount,
    })
    if (result.complete && !result.joined) await deps.join(chunk)
    return
  }
  if (ended === 'skipped') {
    ctx.log.debug('chat stage skipped; acknowledging chunk')
    return
  }
  const stored = existing?.jobId === chunk.jobId
  if (!stored) {
    try {
      await crawl(deps, chunk, storedBefore, ctx.signal)
    } catch (err) {
      const reason = unavailableReason(err)
      if (reason === undefined) throw err
      // No replay (a YouTube upload) or the upstream refuses it: the stage ends, visibly, with why.
      ctx.log.warn({ code: reason.code }, 'chat unavailable; skipping the chat stage')
      await deps.skip(chunk, reason)
      return
    }
  }

  const result = await deps.fanIn.markDone({
    id: chatFanInId(chunk.jobId),
    piece: chunk.chunkIndex,
    total: chunk.chunkCount,
  })
  // The completing caller joins. A chunk that was already stored is a redelivery: if the set is
  // complete but not joined, the worker that completed it may have died mid-join, so join again.
  // A fresh chunk racing the completer does not, which keeps the join to one run in practice.
  const joins = result.completedNow || (stored && result.complete && !result.joined)
  // A joining chunk reports no progress of its own: the join finishes the stage with done = total,
  // one update and one event fewer before the stage is done.
  if (joins) await deps.join(chunk)
  else if (progress.due(chunk.jobId, result.done === result.total)) {
    await deps.stages.progress(chunk, 'chat', { done: result.done, total: result.total })
  }
}

async function crawl(
  deps: ChunkDeps,
  chunk: ChatChunkV1,
  storedBefore: number,
  signal: AbortSignal,
): Promise<void> {
  const tally = new ChunkTally({ startSec: chunk.startSec, endSec: chunk.endSec })
  let batches = 0
  // A zero-length part has an empty chunk: nothing to ask the upstream for.
  if (chunk.startSec < chunk.endSec) {
    const pages = guardPages(
      deps.source.crawlChat({
        platform: chunk.platform,
        videoId: chunk.videoId,
        part: chunk.part,
        startSec: chunk.startSec,
        endSec: chunk.endSec,
      }),
      pageBudget(chunk.startSec, chunk.endSec),
      `chat of ${chunk.videoKey} [${chunk.startSec}, ${chunk.endSec})`,
    )
    async function* fresh(): AsyncGenerator<ChatMessage[]> {
      for await (const page of pages) {
        // A revoked partition or a stop deadline: give up between pages, the chunk is redelivered.
        signal.throwIfAborted()
        yield tally.accept(page)
      }
    }
    let seq = 0
    await writeInBatches(fresh(), deps.writeBatch, (ready) =>
      writeBatches(
        deps.collections.batches,
        ready.map((messages) => batchDocument(chunk, seq++, messages)),
      ),
    )
    batches = seq
  }
  await dropStaleBatches(deps.collections.batches, chunk, { written: batches, storedBefore })
  await saveChunkStats(deps.collections.stats, {
    videoKey: chunk.videoKey,
    chunkIndex: chunk.chunkIndex,
    chunkCount: chunk.chunkCount,
    jobId: chunk.jobId,
    startSec: tally.baseSec,
    endSec: chunk.endSec,
    counts: tally.perSecond(),
    chatters: tally.minuteChatters(),
    messageCount: tally.messageCount,
  })
}
