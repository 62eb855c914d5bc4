import { WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it } from 'vitest'
import { PlatformError } from '../src/index.js'
import { setup } from './helpers.js'

const { twitchLong, twitchDeleted } = WELL_KNOWN_VIDEOS

describe('twitch client: a VOD’s clips', () => {
  it('should find the VOD’s clips among the channel’s, most-viewed first, with their offsets', async () => {
    const { sim, platforms } = await setup()
    const result = await platforms.getTwitchVodClips(twitchLong.videoId, { top: 100 })
    const truth = sim.truth('twitch', twitchLong.videoId)
    expect(result.clips.map((c) => [c.slug, c.offsetSec, c.viewCount])).toEqual(
      truth.clips.map((c) => [c.slug, c.offsetSec, c.viewCount]),
    )
    expect(result).toMatchObject({
      videoId: twitchLong.videoId,
      channelLogin: truth.channel.name.toLowerCase(),
      // The simulated VOD streamed in 2024–2025: only the all-time listing still holds its clips.
      period: 'ALL_TIME',
      vodLengthSec: truth.durationSec,
      complete: true,
    })
    expect(result.scanned).toBeGreaterThan(truth.clips.length) // other VODs' clips were read and left out
    expect(result.clips[0]).toMatchObject({
      url: `https://clips.twitch.tv/${truth.clips[0]!.slug}`,
      durationSec: 30,
    })
  })

  it('should stop reading once the top clips are found in a most-viewed-first listing', async () => {
    const { sim, platforms } = await setup()
    const truth = sim.truth('twitch', twitchLong.videoId)
    const all = await platforms.getTwitchVodClips(twitchLong.videoId, { top: 100, pageSize: 4 })
    sim.resetCounters()
    const top3 = await platforms.getTwitchVodClips(twitchLong.videoId, { top: 3, pageSize: 4 })
    expect(top3.clips.map((c) => c.slug)).toEqual(truth.clips.slice(0, 3).map((c) => c.slug))
    expect(top3.complete).toBe(true)
    expect(top3.pages).toBeLessThan(all.pages)
    expect(sim.counters().requests['twitch.gql.clips']).toBe(top3.pages)
  })

  it('should say the listing is incomplete when the page bound stops it', async () => {
    const { platforms } = await setup()
    const result = await platforms.getTwitchVodClips(twitchLong.videoId, {
      top: 100,
      pageSize: 2,
      maxPages: 2,
    })
    expect(result).toMatchObject({ pages: 2, scanned: 4, complete: false })
  })

  it('should retry an in-band transient error on a listing page', async () => {
    const { sim, platforms } = await setup()
    sim.config({ faults: [{ kind: 'gql-error', match: 'twitch.gql.clips', times: 2 }] })
    const result = await platforms.getTwitchVodClips(twitchLong.videoId)
    expect(result.clips.length).toBe(sim.truth('twitch', twitchLong.videoId).clips.length)
    expect(sim.counters().faults).toEqual({ 'twitch.gql.clips gql-error': 2 })
  })

  it('should fail as not found for a deleted VOD, and refuse ids that are not Twitch ids', async () => {
    const { platforms } = await setup()
    await expect(platforms.getTwitchVodClips(twitchDeleted.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_NOT_FOUND',
      retryable: false,
    })
    await expect(platforms.getTwitchVodClips('12a')).rejects.toMatchObject({
      code: 'PLATFORM_INVALID_REQUEST',
    })
  })

  it('should name the integrity refusal when the listing goes out with the web Client-ID', async () => {
    const { platforms } = await setup({}, { twitchCommentsClientId: 'kimne78kx3ncx6brgo4mv6wki5h1ko' })
    const error = await platforms.getTwitchVodClips(twitchLong.videoId).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlatformError)
    expect(error).toMatchObject({ code: 'PLATFORM_CLIPS_UNAVAILABLE', retryable: false })
    expect((error as Error).message).toContain('failed integrity check')
  })
})
