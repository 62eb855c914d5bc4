import { isIP } from 'node:net'
import type { Platform } from '@vodscope/contracts'
import { PlatformError } from './errors.js'

/**
 * Which media URLs a worker may hand to ffmpeg. A media URL comes from a platform's answer (SOOP's
 * `files[].file`, an HLS master's variants, a YouTube format), and from a Kafka message after that, so
 * it is checked twice: before it enters a message, and again before ffmpeg opens it. ffmpeg would
 * otherwise open `file:///etc/passwd` or `http://169.254.169.254/…` as readily as a playlist.
 *
 * Accepted: https on port 443 to a host under one of the platform's media domains (never an IP
 * literal), or a URL on an origin configured explicitly (the simulator: `VODSCOPE_UPSTREAM_URL`,
 * `VODSCOPE_MEDIA_ORIGINS`), or — for tests only — a local path when `VODSCOPE_MEDIA_LOCAL_FILES` is set.
 */
export interface MediaUrlPolicy {
  /** Host suffixes per platform: `ttvnw.net` accepts `ttvnw.net` and `*.ttvnw.net`. */
  hostSuffixes: Record<Platform, readonly string[]>
  /** Exact origins (`http://127.0.0.1:4010`) accepted for every platform, any path. */
  origins: readonly string[]
  /** Absolute local paths (tests decode fixture files). */
  localFiles: boolean
}

/** Where the platforms serve media today (VOD playlists, segments, audio formats). */
export const MEDIA_HOST_SUFFIXES = {
  twitch: ['ttvnw.net', 'twitch.tv', 'jtvnw.net', 'cloudfront.net'],
  soop: ['sooplive.co.kr', 'sooplive.com', 'afreecatv.com'],
  youtube: ['googlevideo.com', 'youtube.com'],
} as const satisfies Record<Platform, readonly string[]>

/** Variables whose URL's origin is trusted for media: pointing an upstream at a server trusts its media. */
const ORIGIN_VARIABLES = [
  'VODSCOPE_UPSTREAM_URL',
  'VODSCOPE_TWITCH_USHER_URL',
  'VODSCOPE_SOOP_API_URL',
  'VODSCOPE_YOUTUBE_URL',
  'VODSCOPE_YOUTUBE_API_URL',
] as const

export function mediaUrlPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): MediaUrlPolicy {
  const extraHosts = list(env.VODSCOPE_MEDIA_HOSTS).map((host) => {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || isIP(host) !== 0)
      throw invalid(
        'VODSCOPE_MEDIA_HOSTS',
        `"${host}" is not a domain name (IP literals go in VODSCOPE_MEDIA_ORIGINS)`,
      )
    return host
  })
  const origins = new Set<string>()
  for (const name of ORIGIN_VARIABLES) {
    const value = env[name]?.trim()
    if (value) origins.add(originOf(name, value))
  }
  for (const value of list(env.VODSCOPE_MEDIA_ORIGINS)) origins.add(originOf('VODSCOPE_MEDIA_ORIGINS', value))
  const suffixes = MEDIA_HOST_SUFFIXES
  const hostSuffixes = {
    twitch: [...suffixes.twitch, ...extraHosts],
    soop: [...suffixes.soop, ...extraHosts],
    youtube: [...suffixes.youtube, ...extraHosts],
  }
  return { hostSuffixes, origins: [...origins], localFiles: readFlag(env.VODSCOPE_MEDIA_LOCAL_FILES) }
}

/** The policy with the defaults alone: the real platforms' https media hosts. */
export const DEFAULT_MEDIA_URL_POLICY: MediaUrlPolicy = mediaUrlPolicyFromEnv({})

/**
 * The URL if `platform` may serve media from it; throws a non-retryable PlatformError naming why
 * otherwise (the query string, which carries signatures, is left out of the message).
 */
export function checkMediaUrl(raw: string, platform: Platform, policy: MediaUrlPolicy): string {
  if (policy.localFiles && raw.startsWith('/')) return raw
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw refused(raw, 'is not an absolute URL')
  }
  if (policy.origins.includes(url.origin)) return url.href
  if (url.protocol !== 'https:') throw refused(raw, `uses ${url.protocol} (only https is accepted)`)
  if (url.username !== '' || url.password !== '') throw refused(raw, 'carries credentials')
  if (url.port !== '') throw refused(raw, 'names a port')
  const host = url.hostname.toLowerCase()
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) throw refused(raw, 'names an IP address, not a host')
  const suffixes = policy.hostSuffixes[platform] ?? []
  if (!suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)))
    throw refused(raw, `is not on a known ${platform} media host`)
  return url.href
}

/**
 * ffmpeg's `-protocol_whitelist` for the policy: HLS over https needs https, tls, tcp (under tls) and
 * crypto (AES-128 segments); http only for a configured http origin, file only for local paths. The
 * list applies to every URL ffmpeg opens, playlist entries and redirects included.
 */
export function ffmpegProtocols(policy: MediaUrlPolicy): string {
  const protocols = ['https', 'tls', 'tcp', 'crypto']
  if (policy.origins.some((origin) => origin.startsWith('http:'))) protocols.push('http')
  if (policy.localFiles) protocols.push('file')
  return protocols.join(',')
}

/** A URL without its query and fragment, for messages that end up in job documents and logs. */
export function redactUrl(raw: string): string {
  return raw.replace(/[?#][^\s'"]*/g, '')
}

function refused(raw: string, why: string): PlatformError {
  return new PlatformError(
    'PLATFORM_MEDIA_URL_REFUSED',
    `${JSON.stringify(redactUrl(raw).slice(0, 200))} ${why}.`,
  )
}

function originOf(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalid(name, `"${value}" is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(name, 'must be an http(s) URL')
  return url.origin
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
}

function readFlag(raw: string | undefined): boolean {
  return raw?.trim() === '1' || raw?.trim().toLowerCase() === 'true'
}

function invalid(name: string, message: string): PlatformError {
  return new PlatformError('PLATFORM_INVALID_CONFIG', `${name}: ${message}`)
}
