import { otherChannelClips, type SimClip, vodClips } from '../model/clips.js'
import { hashString } from '../model/rng.js'
import type { SimState } from '../state.js'
import type { GqlResult } from './comments.js'
import { integrityRefusal, WEB_CLIENT_ID } from './refusals.js'

/**
 * `ClipsPeriod` values and how far back each reaches, days (TwitchDownloader WindowMassDownload.xaml
 * tags, yt-dlp TwitchVideosClipsIE `_RANGE`; read 2026-12). ALL_TIME has no limit.
 */
export const CLIP_PERIODS = { LAST_DAY: 1, LAST_WEEK: 7, LAST_MONTH: 30, ALL_TIME: null } as const
type ClipPeriod = keyof typeof CLIP_PERIODS

/** TwitchDownloader offers 16–100 clips per page; the simulator refuses more. */
export const MAX_CLIPS_PER_PAGE = 100
/** Without `first` or `period`: yt-dlp's page size and the web's default range ("Top 7D"). */
const DEFAULT_FIRST = 20
const DEFAULT_PERIOD: ClipPeriod = 'LAST_WEEK'

const LOGIN = /\buser\s*\(\s*login\s*:\s*"([^"\\]*)"\s*\)/
const CLIPS_ARGS = /\bclips\s*\(([^)]*)\)/

/** Whether a query asks for a channel's clips (`user(login:…){clips(…)}`, inline arguments). */
export function isChannelClipsQuery(query: string | undefined): boolean {
  return query !== undefined && LOGIN.test(query) && CLIPS_ARGS.test(query)
}

/**
 * `user(login:"…"){clips(first:, after:, criteria:{period:})}` as TwitchDownloader's GetGqlClips sends it
 * (query text, arguments inline). The listing holds the clips of every VOD of the channel a client has
 * asked metadata for, plus clips of other VODs, most-viewed first, paged by an opaque cursor.
 */
export function channelClipsPage(
  state: SimState,
  query: string,
  clientId: string,
  nowMs: number = Date.now(),
): GqlResult {
  if (clientId === WEB_CLIENT_ID) return integrityRefusal(['user', 'clips'])
  const login = LOGIN.exec(query)?.[1] ?? ''
  const args = CLIPS_ARGS.exec(query)?.[1] ?? ''
  const first = Number(/\bfirst\s*:\s*(-?\d+)/.exec(args)?.[1] ?? DEFAULT_FIRST)
  const period = /\bperiod\s*:\s*([A-Za-z_]+)/.exec(args)?.[1] ?? DEFAULT_PERIOD
  const after = /\bafter\s*:\s*"([^"\\]*)"/.exec(args)?.[1]
  if (!(period in CLIP_PERIODS)) {
    // GraphQL validation: the whole operation is refused, no data.
    return {
      data: null,
      errors: [
        {
          message: `Argument "criteria" has invalid value {period: ${period}}. In field "period": Expected type "ClipsPeriod", found ${period}.`,
        },
      ],
    }
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_CLIPS_PER_PAGE)
    return {
      data: { user: null },
      errors: [{ message: `first must be between 1 and ${MAX_CLIPS_PER_PAGE}`, path: ['user', 'clips'] }],
    }
  if (!/^[A-Za-z0-9_]{1,25}$/.test(login)) return { data: { user: null } }
  const start = after === undefined ? 0 : decodeCursor(after)
  if (start === undefined)
    return { data: { user: null }, errors: [{ message: 'invalid cursor', path: ['user', 'clips'] }] }

  const listing = channelListing(state, login, period as ClipPeriod, nowMs)
  const page = listing.slice(start, start + first)
  const vods = state.channelVods('twitch', login)
  return {
    data: {
      user: {
        id: vods[0]?.channel.id ?? String(10_000_000 + (hashString(`${state.seed}:${login}`) % 900_000_000)),
        login,
        clips: {
          edges: page.map((clip, i) => clipEdge(clip, login, start + i + 1)),
          pageInfo: { hasNextPage: start + first < listing.length, __typename: 'PageInfo' },
          __typename: 'ClipConnection',
        },
        __typename: 'User',
      },
    },
  }
}

/** Every clip of the channel made within `period`, most-viewed first. */
function channelListing(state: SimState, login: string, period: ClipPeriod, nowMs: number): SimClip[] {
  const days = CLIP_PERIODS[period]
  const since = days === null ? Number.NEGATIVE_INFINITY : nowMs - days * 86_400_000
  const own = state
    .channelVods('twitch', login)
    .filter((vod) => state.status(vod) === 'ok')
    .flatMap(vodClips)
  return [...own, ...otherChannelClips(state.seed, login, nowMs)]
    .filter((clip) => Date.parse(clip.createdAt) >= since)
    .sort((a, b) => b.viewCount - a.viewCount || a.slug.localeCompare(b.slug))
}

function clipEdge(clip: SimClip, login: string, next: number) {
  return {
    cursor: encodeCursor(next),
    node: {
      id: clip.id,
      slug: clip.slug,
      url: `https://clips.twitch.tv/${clip.slug}`,
      title: clip.title,
      createdAt: clip.createdAt,
      curator: { id: '41234567', displayName: 'viewer', __typename: 'User' },
      broadcaster: { login, __typename: 'User' },
      durationSeconds: clip.durationSec,
      thumbnailURL: `https://static-cdn.jtvnw.net/twitch-clips-thumbnails-prod/${clip.slug}/preview-480x272.jpg`,
      viewCount: clip.viewCount,
      videoOffsetSeconds: clip.offsetSec,
      video: clip.videoId === null ? null : { id: clip.videoId, __typename: 'Video' },
      game: { id: '509658', displayName: 'Just Chatting', __typename: 'Game' },
      __typename: 'Clip',
    },
    __typename: 'ClipEdge',
  }
}

/** The position after which the next page starts, as opaque base64 like Twitch's cursors. */
function encodeCursor(index: number): string {
  return Buffer.from(JSON.stringify({ offset: index })).toString('base64')
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { offset?: unknown }
    return typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined
  } catch {
    return undefined
  }
}
