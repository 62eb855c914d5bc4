import { WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it } from 'vitest'
import { collect, setup } from './helpers.js'

const { twitchShort, soopMultipart } = WELL_KNOWN_VIDEOS

describe('politeness', () => {
  it('should never have more requests in flight per host than its concurrency limit', async () => {
    const { sim, platforms } = await setup(
      { latencyMs: 30 },
      { hostLimits: { twitchGql: { concurrency: 3 }, soopChat: { concurrency: 2 } } },
    )
    const twitchPart = {
      index: 0,
      partId: twitchShort.videoId,
      startSec: 0,
      durationSec: twitchShort.durationSec,
    }
    const soopPart = sim.truth('soop', soopMultipart.videoId).parts[0]!
    await Promise.all([
      ...Array.from({ length: 10 }, () => platforms.getVideoMetadata('twitch', twitchShort.videoId)),
      ...[0, 150, 300, 450].map((startSec) =>
        collect(
          platforms.crawlChat({
            platform: 'twitch',
            videoId: twitchShort.videoId,
            part: twitchPart,
            startSec,
            endSec: startSec + 150,
          }),
        ),
      ),
      ...[0, 1200, 2400, 3600, 4800].map((startSec) =>
        collect(
          platforms.crawlChat({
            platform: 'soop',
            videoId: soopMultipart.videoId,
            part: soopPart,
            startSec,
            endSec: startSec + 1200,
          }),
        ),
      ),
    ])
    const { maxInFlight } = sim.counters()
    // Equal, not just at most: the load was enough to saturate the limit, so the test proves it holds.
    expect(maxInFlight.byHost['gql.twitch.tv']).toBe(3)
    expect(maxInFlight.byHost['videoimg.sooplive.com']).toBe(2)
  })

  it('should space request starts to the rate limit', async () => {
    const { sim, platforms } = await setup({}, { hostLimits: { soopApi: { ratePerSec: 10 } } })
    const started = Date.now()
    await Promise.all(
      Array.from({ length: 11 }, () => platforms.getVideoMetadata('soop', soopMultipart.videoId)),
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(sim.counters().requests['soop.vod-info']).toBe(11)
  })
})
