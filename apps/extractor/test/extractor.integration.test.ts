import { randomUUID } from 'node:crypto'
import {
  COLLECTIONS,
  codecs,
  type JobDocument,
  type LinkSubmittedV1,
  namespace,
  type Platform,
  TOPICS,
  type VideoExtractedV1,
} from '@vodscope/contracts'
import type { VideoMetadata } from '@vodscope/platforms'
import { listDeadLetters, replayDeadLetters, type Worker } from '@vodscope/worker-kit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildExtractor } from '../src/extractor.js'
import type { VideoDocument } from '../src/video-store.js'
import { eventually, isolatedResources } from './harness.js'

const metadata = (title: string): VideoMetadata => ({
  title,
  durationSec: 3_600,
  channel: { id: 'c1', name: 'Channel One' },
  publishedAt: '2026-01-02T03:04:05.000Z',
  viewCount: 42,
  parts: [{ index: 0, partId: 'p0', startSec: 0, durationSec: 3_600 }],
})

class NotFound extends Error {
  readonly code = 'PLATFORM_NOT_FOUND'
  readonly retryable = false
}

function link(platform: Platform, videoId: string): LinkSubmittedV1 {
  return {
    version: 1,
    jobId: `job_${randomUUID().slice(0, 12)}`,
    videoKey: `${platform}:${videoId}`,
    platform,
    videoId,
    submittedAt: new Date().toISOString(),
    force: false,
  }
}

describe('extractor on the real broker and database', () => {
  let ctx: Awaited<ReturnType<typeof isolatedResources>>
  let workers: Worker[] = []
  const calls = new Map<string, number>()
  let upstreamDown = false

  beforeEach(async () => {
    ctx = await isolatedResources()
    calls.clear()
    upstreamDown = false
  })
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()))
    workers = []
    await ctx.close()
  })

  async function start() {
    workers = buildExtractor(ctx.resources, {
      env: {
        VODSCOPE_EXTRACTOR_RETRY_ATTEMPTS: '3',
        VODSCOPE_EXTRACTOR_RETRY_BASE_MS: '50',
        VODSCOPE_EXTRACTOR_RETRY_MAX_MS: '200',
      },
      fetchMetadata: async (platform, videoId) => {
        const n = (calls.get(videoId) ?? 0) + 1
        calls.set(videoId, n)
        if (videoId === '404') throw new NotFound(`${platform} video ${videoId} does not exist`)
        if (videoId === '503' && n === 1) throw new Error('upstream answered 503')
        if (videoId === 'outage' && upstreamDown) throw new Error('upstream answered 503 again')
        return metadata(`video ${videoId}`)
      },
    })
    await Promise.all(workers.map((w) => w.start()))
  }

  async function send(...links: LinkSubmittedV1[]) {
    await ctx.resources.producer.send({
      topic: ctx.topics.links,
      messages: links.map((l) => ({ key: l.videoKey, value: codecs[TOPICS.links].encode(l) })),
    })
  }

  const jobs = () => ctx.resources.mongo.db.collection<JobDocument>(COLLECTIONS.jobs)
  const stageOf = (jobId: string) =>
    eventually(async () => {
      const job = await jobs().findOne({ _id: jobId })
      const status = job?.stages.metadata.status
      return status === 'done' || status === 'failed' ? job! : undefined
    })

  it('stores metadata, emits one video-extracted message per link and marks the stage done', async () => {
    await start()
    const links = [link('twitch', '111'), link('youtube', 'dQw4w9WgXcQ'), link('soop', '222')]
    await send(...links)

    for (const l of links) {
      const job = await stageOf(l.jobId)
      expect(job.stages.metadata).toMatchObject({
        status: 'done',
        progress: { done: 1, total: 1 },
        attempts: 1,
      })
      const video = await ctx.resources.mongo.db
        .collection<VideoDocument>(COLLECTIONS.videos)
        .findOne({ _id: l.videoKey })
      expect(video).toMatchObject({
        title: `video ${l.videoId}`,
        durationSec: 3_600,
        jobId: l.jobId,
        viewCount: 42,
      })
    }
    const emitted = (await ctx.readAll(ctx.topics.videos, 3)).map((m) => ({
      key: m.key?.toString(),
      value: codecs[TOPICS.videos].decode(m.value) as VideoExtractedV1,
    }))
    expect(emitted).toHaveLength(3)
    for (const { key, value } of emitted) expect(key).toBe(value.videoKey)
    expect(emitted.map((e) => e.value.jobId).sort()).toEqual(links.map((l) => l.jobId).sort())
  })

  it('acknowledges a redelivered link of a finished stage without fetching or emitting again', async () => {
    await start()
    const l = link('twitch', '333')
    await send(l)
    await stageOf(l.jobId)
    await send(l)
    const more = link('twitch', '334')
    await send(more) // same partition order is not guaranteed; wait for a later link to be sure
    await stageOf(more.jobId)
    await eventually(async () => (calls.get('334') === 1 ? true : undefined))
    expect(calls.get('333')).toBe(1)
    expect(await ctx.readAll(ctx.topics.videos, 2)).toHaveLength(2)
  })

  it('fails the job with the reason when the video does not exist, skipping later stages, without retries', async () => {
    await start()
    const l = link('twitch', '404')
    await send(l)
    const job = await stageOf(l.jobId)
    expect(job.stages.metadata).toMatchObject({
      status: 'failed',
      error: { code: 'PLATFORM_NOT_FOUND', message: 'twitch video 404 does not exist' },
    })
    for (const stage of ['chat', 'audio', 'highlights'] as const) {
      expect(job.stages[stage]).toMatchObject({ status: 'skipped', error: { code: 'METADATA_FAILED' } })
    }
    expect(calls.get('404')).toBe(1)
  })

  it('retries a transient upstream failure and then succeeds', async () => {
    await start()
    const l = link('twitch', '503')
    await send(l)
    const job = await stageOf(l.jobId)
    expect(job.stages.metadata.status).toBe('done')
    expect(job.stages.metadata.attempts).toBe(2)
    expect(calls.get('503')).toBe(2)
  })

  it('fails the stage with its reason when retries run out, dead-letters the link, and completes on replay', async () => {
    upstreamDown = true
    await start()
    const l = link('twitch', 'outage')
    await send(l)
    const failed = await stageOf(l.jobId)
    expect(failed.stages.metadata).toMatchObject({
      status: 'failed',
      error: { code: 'METADATA_UNAVAILABLE', message: 'upstream answered 503 again' },
    })
    // Not skipped: the job is not over, a replay can still complete it.
    for (const stage of ['chat', 'audio', 'highlights'] as const)
      expect(failed.stages[stage].status).toBe('queued')
    expect(calls.get('outage')).toBe(3)
    const group = namespace(ctx.resources.config.infra.topicPrefix).groups.extractor
    const letters = await eventually(async () => {
      const found = await listDeadLetters(ctx.resources.kafka, { group })
      return found.length > 0 ? found : undefined
    })
    expect(letters).toHaveLength(1)

    upstreamDown = false
    const replay = await replayDeadLetters(ctx.resources.kafka, { group, select: { all: true } })
    expect(replay.replayed).toHaveLength(1)
    const done = await eventually(async () => {
      const job = await jobs().findOne({ _id: l.jobId })
      return job?.stages.metadata.status === 'done' ? job : undefined
    })
    expect(done.stages.metadata.error).toBeNull()
    expect(calls.get('outage')).toBe(4)
    expect(await ctx.readAll(ctx.topics.videos, 1)).toHaveLength(1)
  })

  it('keeps the chat and audio summaries of a video when a forced re-run extracts it again', async () => {
    await start()
    const first = link('twitch', '666')
    await send(first)
    await stageOf(first.jobId)
    const videos = ctx.resources.mongo.db.collection<VideoDocument>(COLLECTIONS.videos)
    await videos.updateOne(
      { _id: first.videoKey },
      {
        $set: {
          chat: { status: 'done', messageCount: 7 },
          audio: { status: 'done', analysedSec: 60, peakDb: -3 },
        },
      },
    )

    const rerun = { ...link('twitch', '666'), force: true }
    await send(rerun)
    await stageOf(rerun.jobId)
    const video = await videos.findOne({ _id: first.videoKey })
    expect(video).toMatchObject({ jobId: rerun.jobId, chat: { messageCount: 7 }, audio: { peakDb: -3 } })
  })

  it('records the job itself when the gateway could not', async () => {
    await start()
    const l = link('soop', '555')
    await send(l)
    const job = await stageOf(l.jobId)
    expect(job).toMatchObject({
      _id: l.jobId,
      videoKey: l.videoKey,
      platform: 'soop',
      videoId: '555',
      force: false,
    })
  })
})
