import { describe, expect, it } from 'vitest'
import type { StoredVideo } from '../src/views/video-view.js'
import { buildWithFakes } from './helper.js'

const video: StoredVideo = {
  _id: 'twitch:42',
  platform: 'twitch',
  videoId: '42',
  title: 'Eight hours of speedruns',
  durationSec: 28_800,
  channel: { id: 'c1', name: 'runner' },
  publishedAt: new Date('2026-01-01T00:00:00.000Z'),
  parts: [{ index: 0, partId: '42', startSec: 0, durationSec: 28_800 }],
  chat: { status: 'done', messageCount: 12_345, uniqueChatters: 900 },
}

const highlights = {
  _id: 'twitch:42' as const,
  highlights: [
    { rank: 2, startSec: 100, endSec: 130, peakSec: 110, score: 0.7, signals: { audio: 0.6 } },
    {
      rank: 1,
      startSec: 3_723,
      endSec: 3_760,
      peakSec: 3_730,
      score: 0.95,
      signals: { audio: 0.9, chat: 1 },
    },
  ],
}

async function withVideo() {
  const built = await buildWithFakes()
  built.videos.videos.set(video._id, video)
  built.videos.highlights.set(video._id, highlights)
  return built
}

describe('GET /v1/videos/:videoKey', () => {
  it('should return metadata, summaries and ranked highlights', async () => {
    const { app } = await withVideo()
    const res = await app.inject('/v1/videos/twitch:42')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      videoKey: 'twitch:42',
      url: 'https://www.twitch.tv/videos/42',
      title: 'Eight hours of speedruns',
      durationSec: 28_800,
      channel: { id: 'c1', name: 'runner' },
      publishedAt: '2026-01-01T00:00:00.000Z',
      viewCount: null,
      chat: { status: 'done', messageCount: 12_345 },
      audio: null,
    })
    expect(body.highlights.map((h: { rank: number }) => h.rank)).toEqual([1, 2])
  })

  it('should accept the key URL-encoded', async () => {
    const { app } = await withVideo()
    expect((await app.inject('/v1/videos/twitch%3A42')).statusCode).toBe(200)
  })

  it('should answer 404 VIDEO_NOT_FOUND for an unknown video and for an id its platform cannot have', async () => {
    const { app } = await withVideo()
    expect((await app.inject('/v1/videos/twitch:43')).json().code).toBe('VIDEO_NOT_FOUND')
    expect((await app.inject('/v1/videos/youtube:short')).statusCode).toBe(404)
  })

  it('should answer 400 for a key that is not platform:videoId', async () => {
    const { app } = await withVideo()
    const res = await app.inject('/v1/videos/vimeo:42')
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
  })

  it('should answer 503 when MongoDB is down', async () => {
    const { app, videos } = await withVideo()
    videos.down = true
    expect((await app.inject('/v1/videos/twitch:42')).json().code).toBe('DATABASE_UNAVAILABLE')
  })
})

describe('GET /v1/videos/:videoKey/highlights', () => {
  it('should rank highlights and give each a deep link at its start', async () => {
    const { app } = await withVideo()
    const res = await app.inject('/v1/videos/twitch:42/highlights')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      videoKey: 'twitch:42',
      highlights: [
        {
          rank: 1,
          startSec: 3_723,
          endSec: 3_760,
          peakSec: 3_730,
          score: 0.95,
          signals: { audio: 0.9, chat: 1 },
          url: 'https://www.twitch.tv/videos/42?t=1h2m3s',
        },
        {
          rank: 2,
          startSec: 100,
          endSec: 130,
          peakSec: 110,
          score: 0.7,
          signals: { audio: 0.6 },
          url: 'https://www.twitch.tv/videos/42?t=0h1m40s',
        },
      ],
    })
  })

  it('should return an empty list for a video without highlights yet, and 404 for an unknown one', async () => {
    const { app, videos } = await withVideo()
    videos.highlights.clear()
    expect((await app.inject('/v1/videos/twitch:42/highlights')).json()).toEqual({
      videoKey: 'twitch:42',
      highlights: [],
    })
    expect((await app.inject('/v1/videos/soop:1/highlights')).statusCode).toBe(404)
  })
})

describe('GET /v1/videos/:videoKey/highlights?format=', () => {
  it('should serve each export format as an attachment of its content type', async () => {
    const { app } = await withVideo()
    const expected = {
      csv: ['text/csv; charset=utf-8', 'twitch_42-highlights.csv', /^rank,start_sec,/],
      chapters: [
        'text/plain; charset=utf-8',
        'twitch_42-highlights-chapters.txt',
        /^0:00 Start\n1:40 Highlight #2/,
      ],
      edl: [
        'text/plain; charset=utf-8',
        'twitch_42-highlights.edl',
        /^TITLE: Eight hours of speedruns\nFCM: NON-DROP FRAME\n/,
      ],
      ffmpeg: ['text/x-shellscript; charset=utf-8', 'twitch_42-highlights-cut.sh', /^#!\/bin\/sh\n/],
    } as const
    for (const [format, [type, name, body]] of Object.entries(expected)) {
      const res = await app.inject(`/v1/videos/twitch:42/highlights?format=${format}`)
      expect(res.statusCode, format).toBe(200)
      expect(res.headers['content-type']).toBe(type)
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"`)
      expect(res.body).toMatch(body)
    }
    const json = await app.inject('/v1/videos/twitch:42/highlights?format=json')
    expect(json.json().highlights.map((h: { rank: number }) => h.rank)).toEqual([1, 2])
  })

  it('should answer 400 naming the formats for an unknown one', async () => {
    const { app } = await withVideo()
    const res = await app.inject('/v1/videos/twitch:42/highlights?format=xlsx')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(res.json().message).toBe('querystring/format: must be one of json, csv, chapters, edl, ffmpeg')
  })
})
