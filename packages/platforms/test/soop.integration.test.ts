import { OLD_HOST_PREFIX, SOOP_VARIANTS, WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createPlatforms, type Platforms, UPSTREAMS } from '../src/index.js'
import { collect, ranges, setup } from './helpers.js'

const { soopMultipart, soopDeleted, soopPrivate } = WELL_KNOWN_VIDEOS
const key = (m: { offsetMs: number; authorId: string; kind: string; amount?: number }) =>
  `${m.offsetMs}|${m.authorId}|${m.kind}|${m.amount ?? ''}`

describe('soop client', () => {
  it('should read a multi-part VOD: parts start where the earlier ones end, with the API’s chat window', async () => {
    const { sim, platforms } = await setup()
    const truth = sim.truth('soop', soopMultipart.videoId)
    const metadata = await platforms.getVideoMetadata('soop', soopMultipart.videoId)
    expect(metadata).toMatchObject({
      title: truth.title,
      durationSec: truth.durationSec,
      channel: truth.channel,
      publishedAt: truth.publishedAt,
    })
    expect(metadata.parts).toEqual(truth.parts.map((p) => ({ ...p, chatWindowSec: 300 })))
    expect(metadata.parts[2]!.startSec).toBe(metadata.parts[0]!.durationSec + metadata.parts[1]!.durationSec)
  })

  it('should crawl every part’s chat exactly once at VOD offsets: chat, ogq stickers, balloons', async () => {
    const { sim, platforms } = await setup()
    const { parts } = await platforms.getVideoMetadata('soop', soopMultipart.videoId)
    const crawled = []
    for (const part of parts) {
      for (const [startSec, endSec] of ranges(
        part.startSec,
        part.startSec + part.durationSec,
        [299.5, 1234, 4000],
      )) {
        crawled.push(
          ...(await collect(
            platforms.crawlChat({ platform: 'soop', videoId: soopMultipart.videoId, part, startSec, endSec }),
          )),
        )
      }
    }
    const truth = sim.chat('soop', soopMultipart.videoId)
    expect(crawled.map(key)).toEqual(truth.map(key))
    expect(new Set(crawled.map((m) => m.id)).size).toBe(crawled.length)
    expect(crawled.some((m) => m.kind === 'donation' && (m.amount ?? 0) > 0)).toBe(true)
    // The truth above includes the rows the simulator serves as <ogq> stickers (sender `s`/`sn`).
    const window = await fetch(`${sim.url}/php/ChatLoadSplit.php?rowKey=${parts[0]!.partId}_c&startTime=0`)
    expect((await window.text()).match(/<ogq>/g)?.length ?? 0).toBeGreaterThan(5)
  })

  it('should send the player page as Referer on every SOOP request', async () => {
    const { sim, platforms } = await setup()
    const { parts } = await platforms.getVideoMetadata('soop', soopMultipart.videoId)
    const part = parts[0]!
    await collect(
      platforms.crawlChat({
        platform: 'soop',
        videoId: soopMultipart.videoId,
        part,
        startSec: 0,
        endSec: 600,
      }),
    )
    const { requests } = sim.counters()
    expect(requests['soop.vod-info']).toBe(1)
    expect(requests['soop.chat']).toBe(2)
    expect(Object.keys(requests).filter((e) => e.endsWith('no-referer'))).toEqual([])
  })

  it('should window chat by the API’s chat_duration, not a fixed 300 s', async () => {
    const { sim, platforms } = await setup()
    const videoId = SOOP_VARIANTS.shortChatWindow
    const { parts } = await platforms.getVideoMetadata('soop', videoId)
    expect(parts[0]!.chatWindowSec).toBe(120)
    const crawled = []
    for (const part of parts) {
      crawled.push(
        ...(await collect(
          platforms.crawlChat({
            platform: 'soop',
            videoId,
            part,
            startSec: part.startSec,
            endSec: part.startSec + part.durationSec,
          }),
        )),
      )
    }
    const truth = sim.chat('soop', videoId)
    expect(truth.length).toBeGreaterThan(1000)
    expect(crawled.map(key)).toEqual(truth.map(key))
  })

  it('should place the parts after a missing one by total_file_duration, and crawl them at true offsets', async () => {
    const { sim, platforms } = await setup()
    const videoId = SOOP_VARIANTS.missingPart
    const truth = sim.truth('soop', videoId)
    expect(truth.parts).toHaveLength(3)
    const metadata = await platforms.getVideoMetadata('soop', videoId)
    expect(metadata.durationSec).toBe(truth.durationSec)
    const [first, third] = [truth.parts[0]!, truth.parts[2]!]
    expect(metadata.parts).toEqual([
      { ...first, chatWindowSec: 300 },
      { ...third, index: 1, chatWindowSec: 300 },
    ])
    const listed = metadata.parts[1]!
    const crawled = await collect(
      platforms.crawlChat({
        platform: 'soop',
        videoId,
        part: listed,
        startSec: listed.startSec,
        endSec: listed.startSec + 900,
      }),
    )
    expect(crawled.map(key)).toEqual(sim.chat('soop', videoId, third.startSec, third.startSec + 900).map(key))
  })

  it('should resolve one playlist per part', async () => {
    const { platforms } = await setup()
    const { parts } = await platforms.getVideoMetadata('soop', soopMultipart.videoId)
    const sources = await platforms.resolveAudioSource('soop', soopMultipart.videoId, parts)
    expect(sources.map((s) => [s.index, s.kind])).toEqual([
      [0, 'hls'],
      [1, 'hls'],
      [2, 'hls'],
    ])
    expect((await fetch(sources[2]!.url)).status).toBe(200)
  })

  it('should fail deleted and private VODs with final, typed errors', async () => {
    const { platforms } = await setup()
    await expect(platforms.getVideoMetadata('soop', soopDeleted.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_NOT_FOUND',
      retryable: false,
    })
    await expect(platforms.getVideoMetadata('soop', soopPrivate.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_PRIVATE',
      retryable: false,
    })
  })

  it('should read `files: []` (adult or subscriber-only VOD) as private, saying which', async () => {
    const { platforms } = await setup()
    await expect(platforms.getVideoMetadata('soop', SOOP_VARIANTS.adult)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_PRIVATE',
      retryable: false,
      message: expect.stringContaining('adults only'),
    })
    await expect(platforms.getVideoMetadata('soop', SOOP_VARIANTS.subscribers)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_PRIVATE',
      retryable: false,
      message: expect.stringContaining('subscribers only'),
    })
  })

  it('should fail a 301 from the old hosts clearly, without following it or reading it as an answer', async () => {
    const { sim } = await setup()
    const part = sim.truth('soop', soopMultipart.videoId).parts[0]!
    const oldHosts = { platforms: clientsFor(sim.url, `${sim.url}${OLD_HOST_PREFIX}`) }
    await expect(oldHosts.platforms.getVideoMetadata('soop', soopMultipart.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_REDIRECTED',
      retryable: false,
      status: 301,
      message: expect.stringContaining('/station/video/a/view'),
    })
    await expect(
      collect(
        oldHosts.platforms.crawlChat({
          platform: 'soop',
          videoId: soopMultipart.videoId,
          part,
          startSec: 0,
          endSec: 300,
        }),
      ),
    ).rejects.toMatchObject({ code: 'PLATFORM_REDIRECTED', status: 301 })
    const { requests } = sim.counters()
    expect(requests['soop.moved']).toBe(2)
    expect(requests['soop.vod-info']).toBeUndefined()
    expect(requests['soop.chat']).toBeUndefined()
  })
})

/** Clients calling SOOP at its pre-2026 hosts (on the simulator), everything else at the simulator. */
function clientsFor(simUrl: string, oldHostBase: string): Platforms {
  const platforms = createPlatforms({
    baseUrls: {
      ...Object.fromEntries(UPSTREAMS.map((u) => [u, simUrl])),
      soopApi: `${oldHostBase}/api.m.sooplive.co.kr`,
      soopChat: `${oldHostBase}/videoimg.sooplive.co.kr`,
    },
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
  })
  onTestFinished(() => platforms.close())
  return platforms
}
