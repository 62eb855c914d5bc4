import {
  COLLECTIONS,
  codecs,
  type JobDocument,
  type LinkSubmittedV1,
  newJobDocument,
  TOPICS,
  type VideoExtractedV1,
} from '@vodscope/contracts'
import type { VideoMetadata } from '@vodscope/platforms'
import { describeFailure, type Handler, type JobStages } from '@vodscope/worker-kit'
import type { Producer } from 'kafkajs'
import type { Db } from 'mongodb'
import { upsertVideo } from './video-store.js'

export interface ExtractorDeps {
  db: Db
  producer: Producer
  stages: JobStages
  /** Throws an error with `retryable: false` for videos that do not exist or are private. */
  fetchMetadata(platform: LinkSubmittedV1['platform'], videoId: string): Promise<VideoMetadata>
  /** Where extracted videos go; tests pass their own topic. */
  videosTopic?: string
  now?: () => Date
}

const videoCodec = codecs[TOPICS.videos]
const LATER_STAGES = ['chat', 'audio', 'highlights'] as const

/**
 * One submitted link: record the job (the gateway may not have, if MongoDB was down), fetch the
 * metadata, store it, hand the video to the chat and audio stages, then mark the stage done. The
 * stage is marked last: a crash before it redoes the fetch on redelivery, and every step is
 * idempotent, so the worst case is a duplicate vod.videos.v1 message the planners ignore.
 */
export function createLinkHandler(deps: ExtractorDeps): Handler<LinkSubmittedV1> {
  const now = deps.now ?? (() => new Date())
  const jobs = deps.db.collection<JobDocument>(COLLECTIONS.jobs)

  return async (link, ctx) => {
    await jobs.updateOne(
      { _id: link.jobId },
      { $setOnInsert: newJobDocument(link, link.force, now()) },
      { upsert: true },
    )
    const claim = await deps.stages.claim(link, 'metadata')
    if (!claim.claimed) {
      ctx.log.info({ status: claim.status }, 'metadata stage already finished; acknowledging redelivery')
      return
    }

    let meta: VideoMetadata
    try {
      meta = await deps.fetchMetadata(link.platform, link.videoId)
    } catch (err) {
      if (!ctx.isFinal(err)) throw err // retried by worker-kit (or redelivered, when aborted)
      const error = describeFailure(err, 'METADATA_UNAVAILABLE')
      if (isPermanent(err)) {
        // The video does not exist or is private: nothing can help, and the job must say why.
        ctx.log.warn({ code: error.code }, 'metadata unavailable; failing the job')
        // Later stages first: once metadata reads `failed`, the whole job is final for any observer.
        const reason = { code: 'METADATA_FAILED', message: `skipped: metadata failed (${error.code})` }
        for (const stage of LATER_STAGES) await deps.stages.skip(link, stage, reason)
        await deps.stages.fail(link, 'metadata', error)
        return
      }
      // A transient failure outlasted the retries: the job says why, and the link goes to the dead
      // letters. Later stages stay queued, so replaying the link once the upstream is back completes it.
      ctx.log.error({ code: error.code }, 'metadata failed on the last attempt; dead-lettering the link')
      await deps.stages
        .fail(link, 'metadata', error)
        .catch((recordErr: unknown) =>
          ctx.log.error({ err: recordErr }, 'could not mark the metadata stage failed'),
        )
      throw err
    }

    const at = now()
    await upsertVideo(deps.db, link, meta, at)
    const extracted: VideoExtractedV1 = {
      version: 1,
      jobId: link.jobId,
      videoKey: link.videoKey,
      platform: link.platform,
      videoId: link.videoId,
      title: meta.title,
      durationSec: meta.durationSec,
      channel: meta.channel,
      ...(meta.publishedAt === undefined ? {} : { publishedAt: meta.publishedAt }),
      parts: meta.parts,
      extractedAt: at.toISOString(),
    }
    await deps.producer.send({
      topic: deps.videosTopic ?? TOPICS.videos,
      messages: [{ key: link.videoKey, value: videoCodec.encode(extracted) }],
    })
    await deps.stages.finish(link, 'metadata', { done: 1, total: 1 })
  }
}

function isPermanent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === false
}
