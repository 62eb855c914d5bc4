import { formatVideoKey, type Platform, VIDEO_ID_PATTERNS, type VideoKey } from './video-key.js'

/** Longest link accepted; real VOD links are well under 200 characters. */
export const MAX_LINK_LENGTH = 2048

export const LINK_REJECTIONS = {
  not_a_string: 'The link must be a string.',
  empty: 'The link is empty.',
  too_long: `The link is longer than ${MAX_LINK_LENGTH} characters.`,
  invalid_url: 'The link is not a valid URL.',
  unsupported_scheme: 'Only http and https links are accepted.',
  userinfo_not_allowed: 'Links with a user name or password are not accepted.',
  port_not_allowed: 'Links with an explicit port are not accepted.',
  ip_literal_not_allowed: 'Links to an IP address are not accepted; use the platform host name.',
  host_not_allowed: 'The host is not a supported platform (YouTube, Twitch, SOOP/AfreecaTV).',
  unrecognized_path: 'The link is on a supported platform but does not point at a video.',
  invalid_video_id: 'The video id in the link is malformed.',
} as const

export type LinkRejectionReason = keyof typeof LINK_REJECTIONS

export type ParsedVideoUrl =
  | { ok: true; platform: Platform; videoId: string; videoKey: VideoKey }
  | { ok: false; reason: LinkRejectionReason; message: string }

const HOSTS: Record<string, Platform> = {
  'youtube.com': 'youtube',
  'www.youtube.com': 'youtube',
  'm.youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'twitch.tv': 'twitch',
  'www.twitch.tv': 'twitch',
  'm.twitch.tv': 'twitch',
  // SOOP moved to sooplive.com in 2026; the .co.kr and afreecatv hosts redirect there (yt-dlp
  // extractor/afreecatv.py, read 2026-12). All three give the same id, so the video key is the same.
  'vod.sooplive.com': 'soop',
  'vod.sooplive.co.kr': 'soop',
  'vod.afreecatv.com': 'soop',
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

/**
 * Turns a user-supplied link into `{ platform, videoId, videoKey }` using an allow-list of hosts and
 * path shapes. Nothing downstream ever fetches the user's URL: workers rebuild upstream requests from
 * the id, so anything this function accepts is safe by construction (no SSRF).
 */
export function parseVideoUrl(input: unknown): ParsedVideoUrl {
  if (typeof input !== 'string') return reject('not_a_string')
  const text = input.trim()
  if (text === '') return reject('empty')
  if (text.length > MAX_LINK_LENGTH) return reject('too_long')

  let url: URL
  try {
    // People paste `youtu.be/abc` without a scheme; treat that as https.
    url = new URL(HAS_SCHEME.test(text) ? text : `https://${text}`)
  } catch {
    return reject('invalid_url')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return reject('unsupported_scheme')
  if (url.username !== '' || url.password !== '') return reject('userinfo_not_allowed')
  if (url.port !== '') return reject('port_not_allowed')

  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  // WHATWG URL has already normalised decimal/octal/hex IPv4 forms to dotted quads.
  if (host.startsWith('[') || IPV4.test(host)) return reject('ip_literal_not_allowed')
  const platform = HOSTS[host]
  if (platform === undefined) return reject('host_not_allowed')

  const videoId = findVideoId(platform, host, url)
  if (videoId === undefined) return reject('unrecognized_path')
  if (!VIDEO_ID_PATTERNS[platform].test(videoId)) return reject('invalid_video_id')
  return { ok: true, platform, videoId, videoKey: formatVideoKey(platform, videoId) }
}

function findVideoId(platform: Platform, host: string, url: URL): string | undefined {
  const segments = url.pathname.split('/').filter((s) => s !== '')
  const [first, second] = segments
  switch (platform) {
    case 'youtube':
      if (host === 'youtu.be') return segments.length === 1 ? first : undefined
      if (first === 'watch' && segments.length === 1) return url.searchParams.get('v') ?? undefined
      if ((first === 'live' || first === 'shorts' || first === 'embed') && segments.length === 2)
        return second
      return undefined
    case 'twitch':
      return first === 'videos' && segments.length === 2 ? second : undefined
    case 'soop':
      if (first === 'player' && segments.length === 2) return second
      // `/PLAYER/STATION/N`: the station page's link form, also matched by yt-dlp.
      if (first === 'PLAYER' && second === 'STATION' && segments.length === 3) return segments[2]
      return undefined
  }
}

function reject(reason: LinkRejectionReason): ParsedVideoUrl {
  return { ok: false, reason, message: LINK_REJECTIONS[reason] }
}
