import {
  COLLECTIONS,
  codecs,
  type JobDocument,
  type LinkSubmittedV1,
  newJobDocument,
  TOPICS,
  type VideoExtractedV1,
} from '@vodscope/contracts'
import { pointLatestJobs } from '@vodscope/infra'
import type { VideoMetadata } from '@vodscope/platforms'
import { classifyFailure, describeFailure, type Handler, type JobStages } from '@vodscope/worker-kit'
import type { Producer } from 'kafkajs'
import type { Db } from 'mongodb'
import { normalizeMetadata } from './normalize-metadata.js'
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
    const job = newJobDocument(link, link.force, now())
    const recorded = await jobs.updateOne({ _id: link.jobId }, { $setOnInsert: job }, { upsert: true })
    // Recorded here (the gateway could not): the video's newest job is this one, unless a newer exists.
    if (recorded.upsertedCount === 1) {
      await pointLatestJobs(deps.db, [
        { videoKey: link.videoKey, jobId: link.jobId, createdAt: job.createdAt },
      ])
    }
    const claim = await deps.stages.claim(link, 'metadata')
    if (!claim.claimed) {
      ctx.log.info({ status: claim.status }, 'metadata stage already finished; acknowledging redelivery')
      return
    }

    let fetched: VideoMetadata
    try {
      fetched = await deps.fetchMetadata(link.platform, link.videoId)
    } catch (err) {
      if (!ctx.isFinal(err)) throw err // retried by worker-kit (or redelivered, when aborted)
      const error = describeFailure(err, 'METADATA_UNAVAILABLE')
      if (!classifyFailure(err).retryable) {
        // The video does not exist or is private: nothing can help, and the job must say why.
        ctx.log.warn({ code: error.code }, 'metadata unavailable; failing the job')
        await failJob(error)
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

    const normalized = normalizeMetadata(fetched)
    if (!normalized.ok) {
      // Metadata no later stage could work with (a duration of 1e12 s, a part id the chat API never
      // gives): the job fails with the reason instead of sending a message its consumers would refuse.
      ctx.log.warn({ reason: normalized.reason }, 'metadata outside the contract; failing the job')
      await failJob({ code: 'METADATA_INVALID', message: `the platform answered ${normalized.reason}` })
      return
    }
    const meta = normalized.meta
    const at = now()
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
    let value: Buffer
    try {
      value = videoCodec.encode(extracted)
    } catch (err) {
      // normalizeMetadata should have caught it; if not, the job still ends with the contract's reason.
      const error = describeFailure(err, 'METADATA_INVALID')
      ctx.log.error({ code: error.code, err }, 'extracted metadata breaks the contract; failing the job')
      await failJob(error)
      return
    }
    try {
      await upsertVideo(deps.db, link, meta, at)
      await deps.producer.send({
        topic: deps.videosTopic ?? TOPICS.videos,
        messages: [{ key: link.videoKey, value }],
      })
    } catch (err) {
      // The database or the broker failed us: retried, and on the last attempt the stage says why
      // before the link is dead-lettered (replaying it completes the job).
      if (ctx.isFinal(err)) {
        await deps.stages
          .fail(link, 'metadata', describeFailure(err, 'METADATA_NOT_STORED'))
          .catch((recordErr: unknown) =>
            ctx.log.error({ err: recordErr }, 'could not mark the metadata stage failed'),
          )
      }
      throw err
    }
    await deps.stages.finish(link, 'metadata', { done: 1, total: 1 })

    /** Ends the job for good: later stages skipped first, so once metadata reads `failed` it is final. */
    async function failJob(error: { code: string; message: string }): Promise<void> {
      const reason = { code: 'METADATA_FAILED', message: `skipped: metadata failed (${error.code})` }
      for (const stage of LATER_STAGES) await deps.stages.skip(link, stage, reason)
      await deps.stages.fail(link, 'metadata', error)
    }
  }
}
