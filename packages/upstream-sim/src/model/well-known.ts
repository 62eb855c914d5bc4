import type { Platform } from '@vodscope/contracts'

export type VideoStatus = 'ok' | 'deleted' | 'private'

export interface WellKnownVideo {
  platform: Platform
  videoId: string
  durationSec: number
  /** Base chat rate in messages per minute; 0 means no chat (on YouTube: no chat replay at all). */
  chatPerMin: number
  status: VideoStatus
}

/**
 * Named VODs with fixed profiles, for tests that need a particular shape without knowing the id rules.
 * The ids follow no rule on purpose: a registry entry wins over every other rule.
 */
export const WELL_KNOWN_VIDEOS = {
  twitchShort: { platform: 'twitch', videoId: '1000000001', durationSec: 600, chatPerMin: 120, status: 'ok' },
  twitchHour: { platform: 'twitch', videoId: '1000000002', durationSec: 3600, chatPerMin: 60, status: 'ok' },
  twitchLong: {
    platform: 'twitch',
    videoId: '1000000003',
    durationSec: 8 * 3600,
    chatPerMin: 40,
    status: 'ok',
  },
  twitchDeleted: {
    platform: 'twitch',
    videoId: '1000000004',
    durationSec: 600,
    chatPerMin: 60,
    status: 'deleted',
  },
  twitchPrivate: {
    platform: 'twitch',
    videoId: '1000000005',
    durationSec: 600,
    chatPerMin: 60,
    status: 'private',
  },
  soopShort: { platform: 'soop', videoId: '2000000001', durationSec: 900, chatPerMin: 90, status: 'ok' },
  /** Five hours: three parts, so chat offsets and audio must add the earlier parts' durations. */
  soopMultipart: {
    platform: 'soop',
    videoId: '2000000002',
    durationSec: 5 * 3600,
    chatPerMin: 30,
    status: 'ok',
  },
  soopDeleted: {
    platform: 'soop',
    videoId: '2000000003',
    durationSec: 900,
    chatPerMin: 60,
    status: 'deleted',
  },
  soopPrivate: {
    platform: 'soop',
    videoId: '2000000004',
    durationSec: 900,
    chatPerMin: 60,
    status: 'private',
  },
  youtubeStream: {
    platform: 'youtube',
    videoId: 'ytStream001',
    durationSec: 900,
    chatPerMin: 90,
    status: 'ok',
  },
  /** An upload, not a stream: it has no chat replay. */
  youtubeUpload: {
    platform: 'youtube',
    videoId: 'ytUpload001',
    durationSec: 480,
    chatPerMin: 0,
    status: 'ok',
  },
  youtubeDeleted: {
    platform: 'youtube',
    videoId: 'ytDeleted01',
    durationSec: 600,
    chatPerMin: 60,
    status: 'deleted',
  },
  youtubePrivate: {
    platform: 'youtube',
    videoId: 'ytPrivate01',
    durationSec: 600,
    chatPerMin: 60,
    status: 'private',
  },
} as const satisfies Record<string, WellKnownVideo>

const BY_KEY = new Map<string, WellKnownVideo>(
  Object.values(WELL_KNOWN_VIDEOS).map((v) => [`${v.platform}:${v.videoId}`, v]),
)

export function findWellKnown(platform: Platform, videoId: string): WellKnownVideo | undefined {
  return BY_KEY.get(`${platform}:${videoId}`)
}
