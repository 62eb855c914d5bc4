import { codecs, LIMITS, type LinkSubmittedV1, TOPICS, type VideoExtractedV1 } from '@vodscope/contracts'
import { PlatformError, type VideoMetadata } from '@vodscope/platforms'
import { createLogger, type HandlerContext, type JobStages } from '@vodscope/worker-kit'
import type { Producer } from 'kafkajs'
import type { Db } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { createLinkHandler } from '../src/handle-link.js'
import { videoMetadataFields } from '../src/video-store.js'

const link: LinkSubmittedV1 = {
  version: 1,
  jobId: 'job_0123456789ab',
  videoKey: 'twitch:42',
  platform: 'twitch',
  videoId: '42',
  submittedAt: '2026-12-01T00:00:00.000Z',
  force: false,
}
const meta: VideoMetadata = {
  title: 'a long stream',
  durationSec: 7_200,
  channel: { id: 'c1', name: 'Channel One' },
  parts: [{ index: 0, partId: 'p0', startSec: 0, durationSec: 7_200 }],
}
const now = new Date('2026-12-02T00:00:00.000Z')

/** Fakes that record what the handler did; the handler's own logic is what these tests check. */
function fakes(
  options: { claimed?: boolean; fetch?: () => Promise<VideoMetadata>; send?: () => Promise<never> } = {},
) {
  const calls: string[] = []
  const failures: { code: string; message: string }[] = []
  const writes: { collection: string; filter: unknown; update: unknown }[] = []
  const sent: { topic: string; key: string; value: VideoExtractedV1 }[] = []
  const db = {
    collection: (collection: string) => ({
      updateOne: async (filter: unknown, update: unknown) => {
        writes.push({ collection, filter, update })
        return { acknowledged: true }
      },
    }),
  } as unknown as Db
  const producer = {
    send: async ({ topic, messages }: { topic: string; messages: { key: string; value: Buffer }[] }) => {
      if (options.send) return options.send()
      for (const m of messages)
        sent.push({ topic, key: m.key, value: codecs[TOPICS.videos].decode(m.value) as VideoExtractedV1 })
      return []
    },
  } as unknown as Producer
  const record = (name: string) => async (_ref: unknown, stage: string, detail?: unknown) => {
    if (name === 'fail') failures.push(detail as { code: string; message: string })
    calls.push(
      detail && typeof detail === 'object' && 'code' in detail
        ? `${name}:${stage}:${(detail as { code: string }).code}`
        : `${name}:${stage}`,
    )
    return true
  }
  const stages: JobStages = {
    claim: async (_ref, stage) => {
      calls.push(`claim:${stage}`)
      return options.claimed === false ? { claimed: false, status: 'done' } : { claimed: true }
    },
    progress: record('progress'),
    finish: record('finish'),
    fail: record('fail'),
    skip: record('skip'),
  } as JobStages
  const handle = createLinkHandler({
    db,
    producer,
    stages,
    fetchMetadata: options.fetch ?? (async () => meta),
    now: () => now,
  })
  return { handle, calls, writes, sent, failures }
}

function context(final: boolean): HandlerContext {
  return {
    topic: 'vod.links.v1',
    partition: 0,
    offset: '0',
    key: link.videoKey,
    headers: {},
    attempt: 1,
    signal: new AbortController().signal,
    log: createLogger('test', 'silent'),
    isFinal: () => final,
  }
}

describe('videoMetadataFields', () => {
  it('should write every metadata field, null where the platform gave none, and the canonical URL', () => {
    expect(videoMetadataFields(link, meta, now)).toEqual({
      platform: 'twitch',
      videoId: '42',
      url: 'https://www.twitch.tv/videos/42',
      title: 'a long stream',
      durationSec: 7_200,
      channel: { id: 'c1', name: 'Channel One' },
      publishedAt: null,
      viewCount: null,
      thumbnailUrl: null,
      parts: meta.parts,
      heatmap: null,
      jobId: link.jobId,
      extractedAt: now,
    })
  })

  it('should never name the chat or audio summaries, which other stages own on the same document', () => {
    const fields = Object.keys(videoMetadataFields(link, meta, now))
    expect(fields).not.toContain('chat')
    expect(fields).not.toContain('audio')
  })
})

describe('link handler', () => {
  it('should store the video with $set, emit a valid video-extracted message keyed by videoKey, then finish', async () => {
    const f = fakes()
    await f.handle(link, context(false))
    const videoWrite = f.writes.find((w) => w.collection === 'videos')
    expect(videoWrite?.filter).toEqual({ _id: 'twitch:42' })
    expect(Object.keys(videoWrite?.update as object)).toEqual(['$set'])
    expect(f.sent).toHaveLength(1)
    expect(f.sent[0]).toMatchObject({ key: 'twitch:42', value: { jobId: link.jobId, durationSec: 7_200 } })
    expect(f.sent[0]?.value).not.toHaveProperty('publishedAt')
    expect(f.calls).toEqual(['claim:metadata', 'finish:metadata'])
  })

  it('should acknowledge a redelivery of a finished stage without fetching or emitting', async () => {
    let fetched = 0
    const f = fakes({
      claimed: false,
      fetch: async () => {
        fetched++
        return meta
      },
    })
    await f.handle(link, context(false))
    expect(fetched).toBe(0)
    expect(f.sent).toEqual([])
  })

  it('should skip the later stages and fail metadata when the video does not exist', async () => {
    const missing = new PlatformError('PLATFORM_VIDEO_NOT_FOUND', 'Twitch video 42.', { platform: 'twitch' })
    const f = fakes({ fetch: async () => Promise.reject(missing) })
    await f.handle(link, context(true))
    expect(f.calls).toEqual([
      'claim:metadata',
      'skip:chat:METADATA_FAILED',
      'skip:audio:METADATA_FAILED',
      'skip:highlights:METADATA_FAILED',
      'fail:metadata:PLATFORM_VIDEO_NOT_FOUND',
    ])
    expect(f.sent).toEqual([])
  })

  it('should rethrow a transient failure for a retry without touching the job, unless it is the last attempt', async () => {
    const transient = new Error('upstream answered 503')
    const retried = fakes({ fetch: async () => Promise.reject(transient) })
    await expect(retried.handle(link, context(false))).rejects.toBe(transient)
    expect(retried.calls).toEqual(['claim:metadata'])

    const last = fakes({ fetch: async () => Promise.reject(transient) })
    await expect(last.handle(link, context(true))).rejects.toBe(transient)
    expect(last.calls).toEqual(['claim:metadata', 'fail:metadata:METADATA_UNAVAILABLE'])
  })
  it('should repair cosmetic fields: a date-only publishedAt becomes a timestamp, an endless title is cut', async () => {
    const f = fakes({
      fetch: async () => ({ ...meta, publishedAt: '2026-11-30', title: 'ㅋ'.repeat(5_000) }),
    })
    await f.handle(link, context(false))
    expect(f.calls).toEqual(['claim:metadata', 'finish:metadata'])
    expect(f.sent[0]?.value.publishedAt).toBe('2026-11-30T00:00:00.000Z')
    expect(f.sent[0]?.value.title).toHaveLength(LIMITS.maxTitle)
    expect(f.sent[0]?.value.title.endsWith('…')).toBe(true)
  })

  it('should drop a publishedAt that is no date at all rather than fail the job', async () => {
    const f = fakes({ fetch: async () => ({ ...meta, publishedAt: 'yesterday-ish' }) })
    await f.handle(link, context(false))
    expect(f.sent[0]?.value).not.toHaveProperty('publishedAt')
    expect(f.calls).toEqual(['claim:metadata', 'finish:metadata'])
  })

  it.each([
    ['a duration of 1e12 s', { ...meta, durationSec: 1e12 }, /duration 1000000000000 s/],
    [
      'an over-long SOOP part id',
      { ...meta, parts: [{ index: 0, partId: 'x'.repeat(500), startSec: 0, durationSec: 60 }] },
      /part 0: id of 500 characters/,
    ],
    ['no parts', { ...meta, parts: [] }, /0 parts/],
  ])('should end the job with the reason, never leave it running, on %s', async (_name, bad, reason) => {
    const f = fakes({ fetch: async () => bad })
    await f.handle(link, context(false))
    expect(f.sent).toEqual([])
    expect(f.writes.filter((w) => w.collection === 'videos')).toEqual([])
    expect(f.calls).toEqual([
      'claim:metadata',
      'skip:chat:METADATA_FAILED',
      'skip:audio:METADATA_FAILED',
      'skip:highlights:METADATA_FAILED',
      'fail:metadata:METADATA_INVALID',
    ])
    expect(f.failures[0]?.message).toMatch(reason)
  })

  it('should mark the stage failed when the broker refuses on the last attempt, and rethrow for the dead letters', async () => {
    const down = new Error('broker unavailable')
    const f = fakes({ send: async () => Promise.reject(down) })
    await expect(f.handle(link, context(false))).rejects.toBe(down)
    expect(f.calls).toEqual(['claim:metadata'])
    await expect(f.handle(link, context(true))).rejects.toBe(down)
    expect(f.calls).toEqual(['claim:metadata', 'claim:metadata', 'fail:metadata:METADATA_NOT_STORED'])
  })
})
