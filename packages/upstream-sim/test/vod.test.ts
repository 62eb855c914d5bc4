import { describe, expect, it } from 'vitest'
import { momentLevelDb } from '../src/audio/tiles.js'
import { getVod, LOUD_MOMENT_SEC, SOOP_PART_MAX_SEC } from '../src/model/vod.js'
import { WELL_KNOWN_VIDEOS } from '../src/model/well-known.js'

describe('vod', () => {
  it('should split a long SOOP broadcast into contiguous parts', () => {
    const { videoId, durationSec } = WELL_KNOWN_VIDEOS.soopMultipart
    const vod = getVod('soop', videoId, 1)
    expect(vod.parts).toHaveLength(Math.ceil(durationSec / SOOP_PART_MAX_SEC))
    let start = 0
    for (const part of vod.parts) {
      expect(part.startSec).toBe(start)
      expect(part.partId).toMatch(new RegExp(`^\\d{8}_[0-9A-F]{8}_${videoId}_${part.index + 1}$`))
      start += part.durationSec
    }
    expect(start).toBe(durationSec)
  })

  it('should give single-part platforms one part named by the video id', () => {
    expect(getVod('twitch', '1000000002', 1).parts).toEqual([
      { index: 0, partId: '1000000002', startSec: 0, durationSec: 3600 },
    ])
  })

  it('should place highlights inside the VOD without overlap, each with a later chat burst', () => {
    const vod = getVod('twitch', '7704800100', 1)
    expect(vod.loudMoments.length).toBe(16)
    for (const [i, moment] of vod.loudMoments.entries()) {
      const burst = vod.chatBursts[i]!
      expect(burst.atSec).toBeGreaterThan(moment.atSec)
      expect(burst.atSec + burst.durationSec).toBeLessThan(vod.profile.durationSec)
      const next = vod.loudMoments[i + 1]
      if (next !== undefined) expect(next.atSec).toBeGreaterThan(moment.atSec + LOUD_MOMENT_SEC + 20)
    }
  })

  it('should give two highlights two strengths, and three or more all three', () => {
    const twoMoments = getVod('twitch', '770045120', 1) // 45 min: two highlights
    expect(twoMoments.loudMoments.length).toBe(2)
    expect(new Set(twoMoments.loudMoments.map((m) => m.strength)).size).toBe(2)
  })

  it('should give moments of every strength, a stronger one with a bigger chat burst', () => {
    const vod = getVod('twitch', '7704800100', 1)
    expect(new Set(vod.loudMoments.map((m) => m.strength))).toEqual(new Set([1, 2, 3]))
    for (const [i, moment] of vod.loudMoments.entries()) {
      const burst = vod.chatBursts[i]!
      expect(burst.strength).toBe(moment.strength)
      expect(burst.messageCount).toBe(
        moment.strength * vod.chatBursts.find((b) => b.strength === 1)!.messageCount,
      )
    }
  })

  it('should place a fair moment a share of the contrast below a great one, and all at loudDb without spread', () => {
    const audio = { bedDb: -35, loudDb: -10, momentSpread: 0.4 }
    expect([1, 2, 3].map((s) => momentLevelDb(audio, s as 1 | 2 | 3))).toEqual([-20, -15, -10])
    expect(momentLevelDb({ ...audio, momentSpread: 0 }, 1)).toBe(-10)
  })

  it('should give a VOD without chat loud moments but no bursts', () => {
    const vod = getVod('youtube', WELL_KNOWN_VIDEOS.youtubeUpload.videoId, 1)
    expect(vod.loudMoments.length).toBeGreaterThan(0)
    expect(vod.chatBursts).toEqual([])
  })
})
