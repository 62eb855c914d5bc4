import { describe, expect, it } from 'vitest'
import { MAX_DURATION_SEC, profileFor } from '../src/model/profile.js'
import { WELL_KNOWN_VIDEOS } from '../src/model/well-known.js'

describe('profileFor', () => {
  it('should use the registry entry for a well-known id', () => {
    const known = WELL_KNOWN_VIDEOS.soopMultipart
    expect(profileFor(known.platform, known.videoId, 1)).toEqual({
      durationSec: known.durationSec,
      chatPerMin: known.chatPerMin,
      status: 'ok',
      rule: 'well-known',
    })
  })

  it('should decode duration minutes and chat rate from an encoded id', () => {
    expect(profileFor('twitch', '770090120', 1)).toMatchObject({
      durationSec: 90 * 60,
      chatPerMin: 120,
      rule: 'encoded',
    })
    expect(profileFor('soop', '770030000012345', 1)).toMatchObject({
      durationSec: 30 * 60,
      chatPerMin: 0,
      rule: 'encoded',
    })
    expect(profileFor('youtube', 's0005030abc', 1)).toMatchObject({
      durationSec: 5 * 60,
      chatPerMin: 30,
      rule: 'encoded',
    })
  })

  it('should cap encoded durations at eight hours', () => {
    expect(profileFor('twitch', '7799990010', 1).durationSec).toBe(MAX_DURATION_SEC)
  })

  it('should mark encoded deleted and private ids', () => {
    expect(profileFor('twitch', '404404123', 1).status).toBe('deleted')
    expect(profileFor('soop', '403403', 1).status).toBe('private')
    expect(profileFor('youtube', 'deletedAbCd', 1).status).toBe('deleted')
    expect(profileFor('youtube', 'private_-_-', 1).status).toBe('private')
  })

  it('should derive any other id from a hash: deterministic per seed, minutes to eight hours', () => {
    expect(profileFor('twitch', '2199887766', 7)).toEqual(profileFor('twitch', '2199887766', 7))
    const durations = Array.from(
      { length: 300 },
      (_, i) => profileFor('twitch', String(3_000_000 + i), 1).durationSec,
    )
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(300)
    expect(Math.max(...durations)).toBeLessThanOrEqual(MAX_DURATION_SEC)
    expect(Math.max(...durations)).toBeGreaterThan(6 * 3600)
    const seeds = new Set([1, 2, 3, 4].map((seed) => profileFor('soop', '55555', seed).durationSec))
    expect(seeds.size).toBeGreaterThan(1)
  })
})
