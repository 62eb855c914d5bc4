import { PlatformError } from './errors.js'

/** The upstream services the clients call; each has a base URL and its own concurrency and rate limit. */
export const UPSTREAMS = ['twitchGql', 'twitchUsher', 'soopApi', 'soopChat', 'youtube', 'youtubeApi'] as const
export type Upstream = (typeof UPSTREAMS)[number]

/** The real hosts. Tests and the offline demo point some or all of them at upstream-sim. */
export const DEFAULT_BASE_URLS = {
  twitchGql: 'https://gql.twitch.tv',
  twitchUsher: 'https://usher.ttvnw.net',
  // SOOP moved from sooplive.co.kr in 2026 and the old hosts now redirect (yt-dlp afreecatv.py, read 2026-12).
  soopApi: 'https://api.m.sooplive.com',
  soopChat: 'https://videoimg.sooplive.com',
  youtube: 'https://www.youtube.com',
  youtubeApi: 'https://youtubei.googleapis.com',
} as const satisfies Record<Upstream, string>

export interface HostLimits {
  /** Requests in flight at once. */
  concurrency: number
  /** Request starts per second. */
  ratePerSec: number
}

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number
  /** First backoff, ms; doubles per attempt, with jitter. */
  baseDelayMs: number
  maxDelayMs: number
  /** A 429 asking for a longer wait than this is not waited out here: it is thrown, retryable, at once. */
  maxRetryAfterMs: number
}

export interface PlatformsConfig {
  baseUrls: Record<Upstream, string>
  /** The public web client id every Twitch web player sends. */
  twitchClientId: string
  /**
   * The client id sent on chat replay pages (`VideoCommentsByOffsetOrCursor`) and channel clip listings
   * only: Twitch answers cursor pages sent with the web id `failed integrity check`, and TwitchDownloader
   * (ChatDownloader.cs, GetGqlClips) and chat-downloader send the Android app's id there (read 2026-12).
   */
  twitchCommentsClientId: string
  /** Per attempt, headers and body included, ms. */
  timeoutMs: number
  retry: RetryOptions
  limits: Record<Upstream, HostLimits>
  userAgent: string
}

export interface PlatformsConfigInput {
  baseUrls?: Partial<Record<Upstream, string>>
  twitchClientId?: string
  twitchCommentsClientId?: string
  timeoutMs?: number
  retry?: Partial<RetryOptions>
  /** Applied to every upstream, then `hostLimits` per upstream. */
  limits?: Partial<HostLimits>
  hostLimits?: Partial<Record<Upstream, Partial<HostLimits>>>
  userAgent?: string
}

const DEFAULT_LIMITS = { concurrency: 8, ratePerSec: 20 } as const satisfies HostLimits
/** SOOP's chat server is polite-by-convention: clients leave ~200 ms between windows. */
const DEFAULT_HOST_LIMITS = { soopChat: { concurrency: 4, ratePerSec: 5 } } as const satisfies Partial<
  Record<Upstream, HostLimits>
>

export const PLATFORMS_DEFAULTS = {
  twitchClientId: 'kimne78kx3ncx6brgo4mv6wki5h1ko',
  twitchCommentsClientId: 'kd1unb4b3q4t58fwlpcbzcbnm76a8fp',
  timeoutMs: 15_000, // 15 seconds per attempt
  retry: {
    retries: 3,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
    maxRetryAfterMs: 30_000, // half a minute; longer waits go back to the worker runtime
  },
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
} as const satisfies Omit<PlatformsConfig, 'baseUrls' | 'limits'>

export function resolvePlatformsConfig(input: PlatformsConfigInput = {}): PlatformsConfig {
  const baseUrls = { ...DEFAULT_BASE_URLS, ...definedOnly(input.baseUrls ?? {}) }
  for (const upstream of UPSTREAMS)
    baseUrls[upstream] = checkBaseUrl(`baseUrls.${upstream}`, baseUrls[upstream])
  const limits = Object.fromEntries(
    UPSTREAMS.map((upstream) => {
      const merged = {
        ...DEFAULT_LIMITS,
        ...(DEFAULT_HOST_LIMITS as Partial<Record<Upstream, HostLimits>>)[upstream],
        ...definedOnly(input.limits ?? {}),
        ...definedOnly(input.hostLimits?.[upstream] ?? {}),
      }
      checkPositive(`limits.${upstream}.concurrency`, merged.concurrency)
      checkPositive(`limits.${upstream}.ratePerSec`, merged.ratePerSec)
      return [upstream, merged]
    }),
  ) as Record<Upstream, HostLimits>
  const retry = { ...PLATFORMS_DEFAULTS.retry, ...definedOnly(input.retry ?? {}) }
  const timeoutMs = input.timeoutMs ?? PLATFORMS_DEFAULTS.timeoutMs
  checkPositive('timeoutMs', timeoutMs)
  if (!Number.isInteger(retry.retries) || retry.retries < 0)
    throw invalid('retry.retries', 'must be an integer >= 0')
  return {
    baseUrls,
    twitchClientId: input.twitchClientId ?? PLATFORMS_DEFAULTS.twitchClientId,
    twitchCommentsClientId: input.twitchCommentsClientId ?? PLATFORMS_DEFAULTS.twitchCommentsClientId,
    timeoutMs,
    retry,
    limits,
    userAgent: input.userAgent ?? PLATFORMS_DEFAULTS.userAgent,
  }
}

const ENV_BASE_URLS = {
  twitchGql: 'VODSCOPE_TWITCH_GQL_URL',
  twitchUsher: 'VODSCOPE_TWITCH_USHER_URL',
  soopApi: 'VODSCOPE_SOOP_API_URL',
  soopChat: 'VODSCOPE_SOOP_CHAT_URL',
  youtube: 'VODSCOPE_YOUTUBE_URL',
  youtubeApi: 'VODSCOPE_YOUTUBE_API_URL',
} as const satisfies Record<Upstream, string>

/**
 * Reads the clients' settings from the environment once, at start-up. `VODSCOPE_UPSTREAM_URL` points
 * every upstream at one server (upstream-sim); the per-upstream variables override it. A bad value
 * fails fast with an error that names the variable.
 */
export function platformsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformsConfigInput {
  const shared = env.VODSCOPE_UPSTREAM_URL?.trim()
  const baseUrls: Partial<Record<Upstream, string>> = {}
  for (const upstream of UPSTREAMS) {
    const name = ENV_BASE_URLS[upstream]
    const value = env[name]?.trim() || shared
    if (value) baseUrls[upstream] = checkBaseUrl(env[name]?.trim() ? name : 'VODSCOPE_UPSTREAM_URL', value)
  }
  const concurrency = readNumber(env, 'VODSCOPE_UPSTREAM_CONCURRENCY')
  const ratePerSec = readNumber(env, 'VODSCOPE_UPSTREAM_RATE_PER_SEC')
  return {
    baseUrls,
    twitchClientId: env.VODSCOPE_TWITCH_CLIENT_ID?.trim() || undefined,
    twitchCommentsClientId: env.VODSCOPE_TWITCH_COMMENTS_CLIENT_ID?.trim() || undefined,
    timeoutMs: readNumber(env, 'VODSCOPE_UPSTREAM_TIMEOUT_MS'),
    limits: { concurrency, ratePerSec },
  }
}

function readNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  const value = Number(raw)
  checkPositive(name, value)
  return value
}

function checkBaseUrl(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalid(name, `"${value}" is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(name, 'must be an http(s) URL')
  if (url.search !== '' || url.hash !== '') throw invalid(name, 'must not have a query or fragment')
  return url.href.replace(/\/$/, '')
}

function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw invalid(name, `must be a number > 0, got ${value}`)
}

function invalid(name: string, message: string): PlatformError {
  return new PlatformError('PLATFORM_INVALID_CONFIG', `${name}: ${message}`)
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
