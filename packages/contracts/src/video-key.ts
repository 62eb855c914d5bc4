export const PLATFORMS = ['youtube', 'twitch', 'soop'] as const
export type Platform = (typeof PLATFORMS)[number]

/** `platform:videoId`, the natural key of a video everywhere: Kafka keys, Mongo ids, URLs. */
export type VideoKey = `${Platform}:${string}`

export const VIDEO_ID_PATTERNS = {
  youtube: /^[A-Za-z0-9_-]{11}$/,
  twitch: /^[0-9]{1,15}$/,
  soop: /^[0-9]{1,15}$/,
} as const satisfies Record<Platform, RegExp>

export function formatVideoKey(platform: Platform, videoId: string): VideoKey {
  return `${platform}:${videoId}`
}

/** Parses `platform:videoId`; returns undefined for anything that is not a well-formed key. */
export function parseVideoKey(key: string): { platform: Platform; videoId: string } | undefined {
  const colon = key.indexOf(':')
  if (colon < 0) return undefined
  const platform = key.slice(0, colon)
  const videoId = key.slice(colon + 1)
  if (!isPlatform(platform) || !VIDEO_ID_PATTERNS[platform].test(videoId)) return undefined
  return { platform, videoId }
}

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value)
}

/** A link a person can open: the VOD at `atSec` seconds (whole seconds; the players ignore fractions). */
export function videoUrl(platform: Platform, videoId: string, atSec = 0): string {
  const t = Math.max(0, Math.floor(atSec))
  switch (platform) {
    case 'youtube':
      return `https://www.youtube.com/watch?v=${videoId}${t > 0 ? `&t=${t}s` : ''}`
    case 'twitch': {
      const h = Math.floor(t / 3600)
      const m = Math.floor((t % 3600) / 60)
      const s = t % 60
      return `https://www.twitch.tv/videos/${videoId}${t > 0 ? `?t=${h}h${m}m${s}s` : ''}`
    }
    case 'soop':
      return `https://vod.sooplive.com/player/${videoId}${t > 0 ? `?change_second=${t}` : ''}`
  }
}
