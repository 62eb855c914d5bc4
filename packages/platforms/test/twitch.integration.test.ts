import { TWITCH_VARIANTS, WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it } from 'vitest'
import { PlatformError } from '../src/index.js'
import { collect, ranges, setup } from './helpers.js'

const { twitchShort, twitchDeleted } = WELL_KNOWN_VIDEOS

describe('twitch client', () => {
  it('should read metadata that matches the simulator truth', async () => {
    const { sim, platforms } = await setup()
    const truth = sim.truth('twitch', twitchShort.videoId)
    expect(await platforms.getVideoMetadata('twitch', twitchShort.videoId)).toMatchObject({
      title: truth.title,
      durationSec: truth.durationSec,
      channel: truth.channel,
      publishedAt: truth.publishedAt,
      viewCount: truth.viewCount,
      parts: truth.parts,
    })
  })

  it('should crawl every comment exactly once across uneven ranges, at the right offsets', async () => {
    const { sim, platforms } = await setup()
    const part = sim.truth('twitch', twitchShort.videoId).parts[0]!
    const crawled = []
    for (const [startSec, endSec] of ranges(0, part.durationSec, [17, 100.5, 101, 250, 431, 455])) {
      crawled.push(
        ...(await collect(
          platforms.crawlChat({ platform: 'twitch', videoId: twitchShort.videoId, part, startSec, endSec }),
        )),
      )
    }
    const truth = sim.chat('twitch', twitchShort.videoId)
    expect(crawled.map((m) => [m.id, m.offsetMs, m.authorId])).toEqual(
      truth.map((m) => [m.id, m.offsetMs, m.authorId]),
    )
    expect(crawled[0]).toMatchObject({ authorName: truth[0]!.authorName, text: truth[0]!.text, kind: 'chat' })
    // Emote fragments (the simulator marks Kappa and LUL as Twitch does) become the message's emotes.
    const emoted = crawled.filter((m) => m.emotes !== undefined)
    expect(emoted.length).toBeGreaterThan(0)
    expect(emoted.every((m) => m.emotes!.length === 1 && m.emotes![0] === m.text)).toBe(true)
    expect(new Set(emoted.map((m) => m.text))).toEqual(new Set(['Kappa', 'LUL']))
    expect(
      crawled.filter((m) => m.text === 'Kappa' || m.text === 'LUL').every((m) => m.emotes !== undefined),
    ).toBe(true)
  })

  it('should crawl past the first page: comment pages go with the Android app Client-ID', async () => {
    const { sim, platforms } = await setup()
    const part = sim.truth('twitch', twitchShort.videoId).parts[0]!
    const crawled = await collect(
      platforms.crawlChat({
        platform: 'twitch',
        videoId: twitchShort.videoId,
        part,
        startSec: 0,
        endSec: 600,
      }),
    )
    expect(crawled.map((m) => m.id)).toEqual(sim.chat('twitch', twitchShort.videoId).map((m) => m.id))
    expect(sim.counters().requests['twitch.gql.comments']).toBeGreaterThan(5)
  })

  it('should fail chat clearly, not as a bad response, when cursor pages fail the integrity check', async () => {
    const { sim, platforms } = await setup({}, { twitchCommentsClientId: 'kimne78kx3ncx6brgo4mv6wki5h1ko' })
    const part = sim.truth('twitch', twitchShort.videoId).parts[0]!
    const crawl = collect(
      platforms.crawlChat({
        platform: 'twitch',
        videoId: twitchShort.videoId,
        part,
        startSec: 0,
        endSec: 600,
      }),
    )
    await expect(crawl).rejects.toMatchObject({
      code: 'PLATFORM_CHAT_UNAVAILABLE',
      retryable: false,
      message: expect.stringContaining('failed integrity check'),
    })
    // The first page (by offset) and one refused cursor page: a refusal is not retried.
    expect(sim.counters().requests['twitch.gql.comments']).toBe(2)
  })

  it('should retry `comments: null` as transient and still crawl every comment', async () => {
    const { sim, platforms } = await setup({
      faults: [{ kind: 'gql-null', match: 'twitch.gql.comments', times: 4 }],
    })
    const part = sim.truth('twitch', twitchShort.videoId).parts[0]!
    const crawled = await collect(
      platforms.crawlChat({
        platform: 'twitch',
        videoId: twitchShort.videoId,
        part,
        startSec: 0,
        endSec: 600,
      }),
    )
    expect(crawled.map((m) => m.id)).toEqual(sim.chat('twitch', twitchShort.videoId).map((m) => m.id))
    expect(sim.counters().faults['twitch.gql.comments gql-null']).toBe(4)
  })

  it('should give up on `comments: null` after ten retries, as a retryable error', async () => {
    const { sim, platforms } = await setup({ faults: [{ kind: 'gql-null', match: 'twitch.gql.comments' }] })
    const part = sim.truth('twitch', twitchShort.videoId).parts[0]!
    await expect(
      collect(
        platforms.crawlChat({
          platform: 'twitch',
          videoId: twitchShort.videoId,
          part,
          startSec: 0,
          endSec: 60,
        }),
      ),
    ).rejects.toMatchObject({ code: 'PLATFORM_TRANSIENT', retryable: true })
    expect(sim.counters().requests['twitch.gql.comments']).toBe(11)
  })

  it('should refuse `lengthSeconds: 0` as not known yet (retryable), never as a zero-length VOD', async () => {
    const { sim, platforms } = await setup()
    await expect(platforms.getVideoMetadata('twitch', TWITCH_VARIANTS.lengthUnknown)).rejects.toMatchObject({
      code: 'PLATFORM_TRANSIENT',
      retryable: true,
      message: expect.stringContaining('lengthSeconds: 0'),
    })
    expect(sim.counters().requests['twitch.gql.video']).toBe(1)
  })

  it('should resolve the audio-only rendition of usher v2’s playlist, with a token by query text', async () => {
    const { sim, platforms } = await setup()
    const [source] = await platforms.resolveAudioSource('twitch', twitchShort.videoId, [])
    expect(source).toMatchObject({ index: 0, kind: 'hls' })
    expect(sim.counters().requests).toMatchObject({ 'twitch.gql.token': 1, 'twitch.usher.v2': 1 })
    const playlist = await fetch(source!.url)
    expect(playlist.status).toBe(200)
    expect(await playlist.text()).toContain('#EXTINF')
  })

  it('should fail a deleted video as not found, without retrying', async () => {
    const { sim, platforms } = await setup()
    const error = await platforms.getVideoMetadata('twitch', twitchDeleted.videoId).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlatformError)
    expect(error).toMatchObject({ code: 'PLATFORM_VIDEO_NOT_FOUND', retryable: false })
    expect(sim.counters().requests['twitch.gql.video']).toBe(1)
  })

  it('should read a private VOD as not found (Twitch hides it) and refuse its audio as private', async () => {
    const { platforms } = await setup({ videoStatus: { [`twitch:${twitchShort.videoId}`]: 'private' } })
    await expect(platforms.getVideoMetadata('twitch', twitchShort.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_NOT_FOUND',
    })
    await expect(platforms.resolveAudioSource('twitch', twitchShort.videoId, [])).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_PRIVATE',
      retryable: false,
      message: expect.stringContaining('subscribers only'),
    })
  })

  it('should refuse a malformed id before sending anything', async () => {
    const { sim, platforms } = await setup()
    await expect(platforms.getVideoMetadata('twitch', '12a')).rejects.toMatchObject({
      code: 'PLATFORM_INVALID_REQUEST',
    })
    expect(sim.counters().requests).toEqual({})
  })
})
