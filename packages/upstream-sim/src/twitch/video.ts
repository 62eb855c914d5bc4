import { createHmac } from 'node:crypto'
import type { SimState } from '../state.js'

/** Twitch VODs that answer in a less common way; encoded ids, so their profile follows the usual rule. */
export const TWITCH_VARIANTS = {
  /** `lengthSeconds: 0`: Twitch does not know the length yet (still recording). */
  lengthUnknown: '770010060000901',
} as const

/** `video(id:…)` of the metadata query; null when the video is deleted or hidden from outsiders. */
export function videoField(state: SimState, videoId: string): Record<string, unknown> | null {
  if (!/^\d{1,15}$/.test(videoId)) return null
  const vod = state.vod('twitch', videoId)
  // Twitch does not reveal private VODs to outsiders: they read exactly like deleted ones.
  if (state.status(vod) !== 'ok') return null
  state.rememberChannelVod(vod)
  return {
    id: vod.videoId,
    title: vod.title,
    description: null,
    // A VOD still recording reads 0 (TwitchDownloader ChatDownloader.cs handles it, read 2026-12).
    lengthSeconds: vod.videoId === TWITCH_VARIANTS.lengthUnknown ? 0 : vod.profile.durationSec,
    createdAt: vod.publishedAt,
    publishedAt: vod.publishedAt,
    viewCount: vod.viewCount,
    broadcastType: 'ARCHIVE',
    status: 'RECORDED',
    previewThumbnailURL: `https://static-cdn.jtvnw.net/cf_vods/sim/${vod.videoId}//thumb/thumb0-320x180.jpg`,
    owner: {
      id: vod.channel.id,
      login: vod.channel.login,
      displayName: vod.channel.name,
      __typename: 'User',
    },
    game: { id: '509658', displayName: 'Just Chatting', __typename: 'Game' },
    __typename: 'Video',
  }
}

/** `videoPlaybackAccessToken`: a token naming the VOD, signed so usher can tell it was not made up. */
export function playbackToken(state: SimState, videoId: string): Record<string, unknown> | null {
  if (!/^\d{1,15}$/.test(videoId)) return null
  const vod = state.vod('twitch', videoId)
  if (state.status(vod) === 'deleted') return null
  const value = JSON.stringify({
    authorization: { forbidden: false, reason: '' },
    chansub: { restricted_bitrates: [] },
    device_id: null,
    expires: Math.floor(Date.now() / 1000) + 20 * 3600,
    https_required: true,
    privileged: false,
    user_id: null,
    version: 2,
    vod_id: Number(vod.videoId),
  })
  return { value, signature: signToken(state, value), __typename: 'PlaybackAccessToken' }
}

export function signToken(state: SimState, value: string): string {
  return createHmac('sha1', `sim-${state.seed}`).update(value).digest('hex')
}

export function tokenVodId(value: string): string | undefined {
  try {
    const parsed = JSON.parse(value) as { vod_id?: unknown }
    return typeof parsed.vod_id === 'number' ? String(parsed.vod_id) : undefined
  } catch {
    return undefined
  }
}
