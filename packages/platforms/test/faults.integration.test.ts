import { WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it } from 'vitest'
import { collect, setup } from './helpers.js'

const { twitchShort, soopShort, youtubeStream } = WELL_KNOWN_VIDEOS
const twitchPart = {
  index: 0,
  partId: twitchShort.videoId,
  startSec: 0,
  durationSec: twitchShort.durationSec,
}

describe('retries and typed failures', () => {
  it('should wait out a 429’s Retry-After, then succeed', async () => {
    const { sim, platforms } = await setup({
      faults: [{ kind: 'rate-limit', match: 'twitch.gql.video', times: 1, retryAfterSec: 1 }],
    })
    const started = Date.now()
    await platforms.getVideoMetadata('twitch', twitchShort.videoId)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(sim.counters().requests['twitch.gql.video']).toBe(2)
  })

  it('should throw a 429 with a longer Retry-After than it may wait at once, retryable, with the wait', async () => {
    const { sim, platforms } = await setup(
      { faults: [{ kind: 'rate-limit', match: 'soop', retryAfterSec: 120 }] },
      { retry: { maxRetryAfterMs: 5_000 } },
    )
    await expect(platforms.getVideoMetadata('soop', soopShort.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_RATE_LIMITED',
      retryable: true,
      retryAfterMs: 120_000,
    })
    expect(sim.counters().requests['soop.vod-info']).toBe(1)
  })

  it('should retry 5xx and succeed, or give up after its retries with a retryable error', async () => {
    const { sim, platforms } = await setup({
      faults: [{ kind: 'server-error', match: 'soop.vod-info', times: 2 }],
    })
    await platforms.getVideoMetadata('soop', soopShort.videoId)
    expect(sim.counters().requests['soop.vod-info']).toBe(3)
    sim.resetCounters()
    sim.config({ faults: [{ kind: 'server-error', match: 'soop.vod-info', status: 502 }] })
    await expect(platforms.getVideoMetadata('soop', soopShort.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_SERVER_ERROR',
      retryable: true,
      status: 502,
    })
    expect(sim.counters().requests['soop.vod-info']).toBe(4)
  })

  it('should retry in-band GQL errors mid-crawl without losing or repeating comments', async () => {
    const { sim, platforms } = await setup({
      faults: [{ kind: 'gql-error', match: 'twitch.gql.comments', rate: 0.3 }],
    })
    const crawled = await collect(
      platforms.crawlChat({
        platform: 'twitch',
        videoId: twitchShort.videoId,
        part: twitchPart,
        startSec: 0,
        endSec: 300,
      }),
    )
    expect(crawled.map((m) => m.id)).toEqual(sim.chat('twitch', twitchShort.videoId, 0, 300).map((m) => m.id))
    expect(sim.counters().faults['twitch.gql.comments gql-error']).toBeGreaterThan(0)
  })

  it('should throw a persistent in-band GQL error as transient and retryable', async () => {
    const { platforms } = await setup({ faults: [{ kind: 'gql-error', match: 'twitch.gql.video' }] })
    await expect(platforms.getVideoMetadata('twitch', twitchShort.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_TRANSIENT',
      retryable: true,
    })
  })

  it('should time out a stalled request and retry it', async () => {
    const { sim, platforms } = await setup(
      { faults: [{ kind: 'timeout', match: 'twitch.gql.video', times: 1 }] },
      { timeoutMs: 300 },
    )
    await platforms.getVideoMetadata('twitch', twitchShort.videoId)
    expect(sim.counters().requests['twitch.gql.video']).toBe(2)
    sim.config({ faults: [{ kind: 'timeout', match: 'twitch.gql.video' }] })
    await expect(platforms.getVideoMetadata('twitch', twitchShort.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_TIMEOUT',
      retryable: true,
    })
  })

  it('should retry a reset connection', async () => {
    const { sim, platforms } = await setup({ faults: [{ kind: 'reset', match: 'soop.chat', times: 1 }] })
    const part = sim.truth('soop', soopShort.videoId).parts[0]!
    const crawled = await collect(
      platforms.crawlChat({ platform: 'soop', videoId: soopShort.videoId, part, startSec: 0, endSec: 300 }),
    )
    expect(crawled).toHaveLength(sim.chat('soop', soopShort.videoId, 0, 300).length)
  })

  it('should not multiply retries through youtubei.js or its client chain: a failing player API is tried retries + 1 times', async () => {
    const { sim, platforms } = await setup({
      faults: [{ kind: 'server-error', match: 'youtube.player-api' }],
    })
    await expect(platforms.getVideoMetadata('youtube', youtubeStream.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_SERVER_ERROR',
      retryable: true,
    })
    expect(sim.counters().requests['youtube.player-api']).toBe(4)
  })
})
