import { WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it } from 'vitest'
import { collect, ranges, setup } from './helpers.js'

const { youtubeStream, youtubeUpload, youtubeDeleted, youtubePrivate } = WELL_KNOWN_VIDEOS

describe('youtube client', () => {
  it('should read metadata through ytdl-core, with a heatmap that peaks at a loud moment', async () => {
    const { sim, platforms } = await setup()
    const truth = sim.truth('youtube', youtubeStream.videoId)
    const metadata = await platforms.getVideoMetadata('youtube', youtubeStream.videoId)
    expect(metadata).toMatchObject({
      title: truth.title,
      durationSec: truth.durationSec,
      channel: truth.channel,
      publishedAt: truth.publishedAt,
      viewCount: truth.viewCount,
      parts: truth.parts,
    })
    const peak = metadata.heatmap!.reduce((a, b) => (b.intensity > a.intensity ? b : a))
    expect(
      truth.loudMoments.some(
        (m) => Math.abs(m.atSec - (peak.startSec + peak.durationSec / 2)) < 2 * peak.durationSec,
      ),
    ).toBe(true)
  })

  it('should crawl the full live chat replay exactly once across ranges', async () => {
    const { sim, platforms } = await setup()
    const part = sim.truth('youtube', youtubeStream.videoId).parts[0]!
    const crawled = []
    for (const [startSec, endSec] of ranges(0, part.durationSec, [60.25, 400, 777])) {
      crawled.push(
        ...(await collect(
          platforms.crawlChat({
            platform: 'youtube',
            videoId: youtubeStream.videoId,
            part,
            startSec,
            endSec,
          }),
        )),
      )
    }
    const truth = sim.chat('youtube', youtubeStream.videoId)
    expect(crawled.map((m) => [m.id, m.offsetMs, m.kind, m.amount])).toEqual(
      truth.map((m) => [m.id, m.offsetMs, m.kind, m.amount]),
    )
  })

  it('should say chat unavailable, not "no messages", for a video without a replay', async () => {
    const { platforms } = await setup()
    const part = {
      index: 0,
      partId: youtubeUpload.videoId,
      startSec: 0,
      durationSec: youtubeUpload.durationSec,
    }
    await expect(
      collect(
        platforms.crawlChat({
          platform: 'youtube',
          videoId: youtubeUpload.videoId,
          part,
          startSec: 0,
          endSec: 60,
        }),
      ),
    ).rejects.toMatchObject({
      code: 'PLATFORM_CHAT_UNAVAILABLE',
      retryable: false,
    })
  })

  it('should resolve the audio-only format with ytdl-core getInfo, player API included', async () => {
    const { sim, platforms } = await setup()
    // An id no other test uses: ytdl-core caches getInfo by video id for a second, whatever the host.
    const [source] = await platforms.resolveAudioSource('youtube', 's0015090aud', [])
    expect(source).toMatchObject({ index: 0, kind: 'file' })
    expect(source!.url).toContain(`${sim.url}/videoplayback?`)
    const requests = sim.counters().requests
    expect(requests['youtube.watch']).toBe(1)
    expect(requests['youtube.player-js']).toBeGreaterThanOrEqual(1)
    expect(requests['youtube.player-api']).toBe(4)
    const head = await fetch(source!.url, { headers: { range: 'bytes=0-15' } })
    expect(head.headers.get('content-type')).toBe('audio/mp4')
  })

  it('should tell deleted from private', async () => {
    const { platforms } = await setup()
    await expect(platforms.getVideoMetadata('youtube', youtubeDeleted.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_NOT_FOUND',
      retryable: false,
    })
    await expect(platforms.getVideoMetadata('youtube', youtubePrivate.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_VIDEO_PRIVATE',
      retryable: false,
    })
  })
})
