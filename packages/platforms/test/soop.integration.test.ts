import { WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it } from 'vitest'
import { collect, ranges, setup } from './helpers.js'

const { soopMultipart, soopDeleted, soopPrivate } = WELL_KNOWN_VIDEOS

describe('soop client', () => {
  it('should read a multi-part VOD: parts start where the earlier ones end', async () => {
    const { sim, platforms } = await setup()
    const truth = sim.truth('soop', soopMultipart.videoId)
    const metadata = await platforms.getVideoMetadata('soop', soopMultipart.videoId)
    expect(metadata).toMatchObject({
      title: truth.title,
      durationSec: truth.durationSec,
      channel: truth.channel,
      publishedAt: truth.publishedAt,
    })
    expect(metadata.parts).toEqual(truth.parts)
    expect(metadata.parts[2]!.startSec).toBe(metadata.parts[0]!.durationSec + metadata.parts[1]!.durationSec)
  })

  it('should crawl every part’s chat exactly once at VOD offsets, balloons as donations', async () => {
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
    const key = (m: { offsetMs: number; authorId: string; kind: string; amount?: number }) =>
      `${m.offsetMs}|${m.authorId}|${m.kind}|${m.amount ?? ''}`
    expect(crawled.map(key)).toEqual(truth.map(key))
    expect(new Set(crawled.map((m) => m.id)).size).toBe(crawled.length)
    expect(crawled.some((m) => m.kind === 'donation' && (m.amount ?? 0) > 0)).toBe(true)
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
})
