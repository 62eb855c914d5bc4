import { WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it } from 'vitest'
import { collect, ranges, setup } from './helpers.js'

const { youtubeStream, youtubeUpload, youtubeDeleted, youtubePrivate } = WELL_KNOWN_VIDEOS

function streamPart() {
  return { index: 0, partId: youtubeStream.videoId, startSec: 0, durationSec: youtubeStream.durationSec }
}

describe('youtube client (youtubei.js against upstream-sim)', () => {
  it('should read metadata through youtubei.js player + next, with a heatmap that peaks at a loud moment', async () => {
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
    const requests = sim.counters().requests
    expect(requests['youtube.player-api']).toBe(1)
    expect(requests['youtube.next']).toBe(1)
    // Metadata needs no player script and no session bootstrap.
    expect(requests['youtube.player-js']).toBeUndefined()
    expect(requests['youtube.watch']).toBeUndefined()
  })

  it('should crawl the full "Live chat" replay exactly once across ranges, though the watch page offers only Top chat', async () => {
    const { sim, platforms } = await setup()
    const part = streamPart()
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
    // One frame per range: that is where the Live chat continuation is now.
    expect(sim.counters().requests['youtube.chat-page']).toBe(4)
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
    ).rejects.toMatchObject({ code: 'PLATFORM_CHAT_UNAVAILABLE', retryable: false })
  })

  it('should resolve audio by deciphering the signature and n with the fake player base.js', async () => {
    const { sim, platforms } = await setup()
    const [source] = await platforms.resolveAudioSource('youtube', youtubeStream.videoId, [])
    expect(source).toMatchObject({ index: 0, kind: 'file' })
    expect(source!.url).toContain(`${sim.url}/videoplayback?`)
    const requests = sim.counters().requests
    expect(requests['youtube.iframe-api']).toBe(1)
    expect(requests['youtube.player-js']).toBe(1)
    expect(requests['youtube.player-api']).toBe(1)
    // The simulator answers 403 unless `sig` was deciphered and `n` transformed by the player code.
    const head = await fetch(source!.url, { headers: { range: 'bytes=0-15' } })
    expect(head.status).toBe(206)
    expect(head.headers.get('content-type')).toBe('audio/mp4')
  })

  it('should try the next InnerTube client when one is refused', async () => {
    const { sim, platforms } = await setup()
    await sim.config({ faults: [{ kind: 'youtube-sign-in', match: 'youtube.player-api', times: 1 }] })
    const [source] = await platforms.resolveAudioSource('youtube', youtubeStream.videoId, [])
    expect(source!.url).toContain('/videoplayback?')
    expect(sim.counters().requests['youtube.player-api']).toBe(2)
  })

  it('should fail with sign-in required, naming every client, when YouTube asks to confirm "not a bot"', async () => {
    const { sim, platforms } = await setup()
    await sim.config({ faults: [{ kind: 'youtube-sign-in' }] })
    const failure = platforms.resolveAudioSource('youtube', youtubeStream.videoId, [])
    await expect(failure).rejects.toMatchObject({ code: 'PLATFORM_SIGN_IN_REQUIRED', retryable: false })
    await expect(failure).rejects.toThrow(/WEB_EMBEDDED: .*not a bot.*TV_EMBEDDED: .*TV: .*ANDROID_VR: /)
    await expect(platforms.getVideoMetadata('youtube', youtubeStream.videoId)).rejects.toMatchObject({
      code: 'PLATFORM_SIGN_IN_REQUIRED',
    })
  })

  it('should fail with PO token required when every client gets SABR-only formats', async () => {
    const { sim, platforms } = await setup()
    await sim.config({ faults: [{ kind: 'youtube-po-token' }] })
    await expect(platforms.resolveAudioSource('youtube', youtubeStream.videoId, [])).rejects.toMatchObject({
      code: 'PLATFORM_PO_TOKEN_REQUIRED',
      retryable: false,
      message: expect.stringContaining('SABR'),
    })
    // Metadata does not need a stream: it still works.
    await expect(platforms.getVideoMetadata('youtube', youtubeStream.videoId)).resolves.toMatchObject({
      title: sim.truth('youtube', youtubeStream.videoId).title,
    })
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
