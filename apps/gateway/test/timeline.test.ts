import { describe, expect, it } from 'vitest'
import { bucketFor, toTimeline } from '../src/services/timeline-store.js'
import { buildWithOpsFakes } from './ops-fakes.js'

/** K-weighted energy of one second at a given loudness, as the analyzer stores it. */
function second(lufs: number, samples = 100) {
  return { sum: 10 ** ((lufs + 0.691) / 10) * samples, samples }
}

describe('timeline', () => {
  it('should keep per-second points for short VODs and round buckets for long ones', () => {
    expect(bucketFor(600)).toBe(1)
    expect(bucketFor(1_800)).toBe(5)
    expect(bucketFor(4 * 3600)).toBe(30)
  })

  it('should stitch pieces that share a boundary second and derive LUFS and chat per minute', () => {
    const a = second(-20)
    const b = second(-30)
    const timeline = toTimeline('twitch:42', {
      durationSec: 3,
      loudness: [
        { firstSec: 0, sumSquares: [a.sum, a.sum / 2], samples: [a.samples, a.samples / 2] },
        { firstSec: 1, sumSquares: [a.sum / 2, b.sum], samples: [a.samples / 2, b.samples] },
      ],
      chat: [
        { startSec: 0, counts: [1, 2] },
        { startSec: 1.5, counts: [1, 4] },
      ],
    })
    expect(timeline.bucketSec).toBe(1)
    expect(timeline.loudness).toEqual([-20, -20, -30])
    expect(timeline.chatPerMin).toEqual([60, 180, 240])
  })

  it('should leave unmeasured buckets null', () => {
    const t = toTimeline('twitch:42', { durationSec: 2, loudness: [], chat: [] })
    expect(t.loudness).toEqual([null, null])
    expect(t.chatPerMin).toEqual([0, 0])
  })

  it('should answer the series of a known video and 404 for an unknown or malformed key', async () => {
    const { app, timeline } = await buildWithOpsFakes()
    timeline.series.set('twitch:42', { durationSec: 1, loudness: [], chat: [{ startSec: 0, counts: [2] }] })
    const res = await app.inject('/v1/videos/twitch:42/timeline')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      videoKey: 'twitch:42',
      durationSec: 1,
      bucketSec: 1,
      loudness: [null],
      chatPerMin: [120],
    })
    expect((await app.inject('/v1/videos/twitch:43/timeline')).json().code).toBe('VIDEO_NOT_FOUND')
    expect((await app.inject('/v1/videos/twitch:abc/timeline')).statusCode).toBe(404)
  })
})
