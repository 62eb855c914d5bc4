import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import type { ClipPeriod, VodClip, VodClips, VodClipsOptions } from '../types.js'
import { type GqlResponse, gql, throwInBand } from './gql.js'

/** Bounds on what a listing may cost and on every size that comes from Twitch. */
export const CLIP_LIMITS = {
  /** Clips asked per page; TwitchDownloader's mass download offers 16–100 (WindowMassDownload.xaml). */
  pageSize: 100,
  /** Pages read at most: a channel's listing can be long, and most of it is other VODs' clips. */
  maxPages: 20,
  /** Most clips returned for one VOD. */
  maxTop: 100,
  maxTitle: 200, // characters; Twitch caps clip titles at 100
  maxSlug: 100, // characters
  maxCursor: 1_000, // characters
  maxClipSec: 3_600, // a clip is 5–60 s; anything longer is not a clip
} as const

/**
 * The periods of `criteria: { period }`, shortest first, with how far back each reaches, days
 * (TwitchDownloader WindowMassDownload.xaml tags; yt-dlp TwitchVideosClipsIE `_RANGE`; read 2026-12).
 */
const PERIODS = [
  ['LAST_DAY', 1],
  ['LAST_WEEK', 7],
  ['LAST_MONTH', 30],
] as const satisfies ReadonlyArray<readonly [ClipPeriod, number]>
/** Clock skew between us and Twitch that the period choice tolerates, ms. */
const PERIOD_MARGIN_MS = 3_600_000 // one hour

const OWNER_QUERY = `query VideoOwner($id: ID!) { video(id: $id) { id createdAt lengthSeconds owner { id login } } }`
const LOGIN = /^[A-Za-z0-9_]{1,25}$/
const SLUG = /^[A-Za-z0-9_-]+$/
const CURSOR = /^[A-Za-z0-9+/=_-]+$/

interface OwnerField {
  createdAt?: string
  lengthSeconds?: number
  owner?: { login?: string } | null
}

interface ClipNode {
  id?: string
  slug?: string
  title?: string
  viewCount?: number
  durationSeconds?: number
  createdAt?: string
  videoOffsetSeconds?: number | null
  video?: { id?: string } | null
}

interface ClipsData {
  user?: {
    clips?: {
      edges?: Array<{ cursor?: string; node?: ClipNode | null }>
      pageInfo?: { hasNextPage?: boolean }
    } | null
  } | null
}

/**
 * The most-viewed clips of one VOD. Twitch lists clips per channel, not per VOD, so: the VOD's owner
 * and start (`video(id)`, as in metadata.ts), then the owner's clips most-viewed first within the
 * shortest period that covers the VOD, keeping those whose `video.id` is this VOD.
 *
 * The listing is TwitchDownloader's GetGqlClips (TwitchHelper.cs, read 2026-12): query text with
 * inline arguments `user(login){clips(first, after, criteria:{period})}`, sent with the Android app
 * Client-ID (TwitchDownloader moved it off the web id with the comment pages, 2023-05, for the
 * integrity check). Its node fields are GetGqlClips' plus `videoOffsetSeconds` and `video { id }`, the
 * fields TwitchDownloader's GetClipInfo reads from the same `Clip` type by `clip(slug)`. yt-dlp's
 * persisted `ClipsCards__User` lists the same clips without offsets (extractor/twitch.py, read 2026-12).
 */
export async function twitchVodClips(
  http: HttpClient,
  videoId: string,
  options: VodClipsOptions = {},
): Promise<VodClips> {
  const top = Math.min(Math.max(1, Math.floor(options.top ?? 20)), CLIP_LIMITS.maxTop)
  const pageSize = Math.min(
    Math.max(1, Math.floor(options.pageSize ?? CLIP_LIMITS.pageSize)),
    CLIP_LIMITS.pageSize,
  )
  const maxPages = Math.min(
    Math.max(1, Math.floor(options.maxPages ?? CLIP_LIMITS.maxPages)),
    CLIP_LIMITS.maxPages,
  )
  const owner = await vodOwner(http, videoId)
  const period = periodFor(owner.createdAt, options.now ?? new Date())

  const clips: VodClip[] = []
  const result = (complete: boolean): VodClips => ({
    videoId,
    channelLogin: owner.login,
    period,
    vodLengthSec: owner.lengthSec,
    clips: clips.toSorted((a, b) => b.viewCount - a.viewCount).slice(0, top),
    scanned,
    pages,
    complete,
  })
  let scanned = 0
  let pages = 0
  let after: string | undefined
  // Twitch orders the listing most-viewed first; while every page keeps that order, a clip not yet
  // seen cannot out-view the `top` already found, so reading stops there.
  let descending = true
  let lastViews = Number.POSITIVE_INFINITY
  for (;;) {
    const page = await clipsPage(http, videoId, owner.login, period, pageSize, after)
    pages++
    for (const node of page.nodes) {
      scanned++
      if (node.viewCount > lastViews) descending = false
      lastViews = node.viewCount
      if (node.videoId === videoId && node.offsetSec !== undefined) clips.push(toClip(node, node.offsetSec))
    }
    if (!page.hasNextPage || page.cursor === undefined || (descending && clips.length >= top))
      return result(true)
    if (pages >= maxPages) return result(false)
    after = page.cursor
  }
}

/** The shortest listing period that holds every clip made since the VOD started. */
export function periodFor(createdAt: string, now: Date): ClipPeriod {
  const ageMs = now.getTime() - Date.parse(createdAt) + PERIOD_MARGIN_MS
  for (const [period, days] of PERIODS) if (ageMs < days * 86_400_000) return period
  return 'ALL_TIME'
}

async function vodOwner(
  http: HttpClient,
  videoId: string,
): Promise<{ login: string; createdAt: string; lengthSec: number }> {
  const video = await gql<{ video?: OwnerField | null }, OwnerField | null>(
    http,
    { operationName: 'VideoOwner', query: OWNER_QUERY, variables: { id: videoId } },
    (body) => {
      throwInBand(body, 'video owner')
      return body.data?.video ?? null
    },
  )
  if (video === null)
    throw new PlatformError('PLATFORM_VIDEO_NOT_FOUND', `Twitch video ${videoId}.`, { platform: 'twitch' })
  const login = video.owner?.login
  if (
    typeof login !== 'string' ||
    !LOGIN.test(login) ||
    typeof video.createdAt !== 'string' ||
    Number.isNaN(Date.parse(video.createdAt))
  )
    throw new PlatformError(
      'PLATFORM_BAD_RESPONSE',
      `Twitch video ${videoId} lacks its owner's login or its start.`,
      {
        platform: 'twitch',
      },
    )
  const lengthSec =
    typeof video.lengthSeconds === 'number' && video.lengthSeconds > 0 ? video.lengthSeconds : 0
  return { login, createdAt: video.createdAt, lengthSec }
}

interface ParsedNode {
  id: string
  slug: string
  title: string
  viewCount: number
  durationSec: number
  createdAt: string | undefined
  videoId: string | undefined
  offsetSec: number | undefined
}

interface ClipsPage {
  nodes: ParsedNode[]
  hasNextPage: boolean
  cursor: string | undefined
}

async function clipsPage(
  http: HttpClient,
  videoId: string,
  login: string,
  period: ClipPeriod,
  first: number,
  after: string | undefined,
): Promise<ClipsPage> {
  // Inline arguments, as TwitchDownloader sends them: login and cursor were checked against LOGIN and
  // CURSOR (no quote or backslash can reach the query), and JSON quoting is GraphQL string quoting.
  const afterArg = after === undefined ? '' : `, after: ${JSON.stringify(after)}`
  const query = `query{user(login:${JSON.stringify(login)}){clips(first: ${first}${afterArg}, criteria: { period: ${period} }) { edges { cursor, node { id, slug, title, createdAt, durationSeconds, viewCount, videoOffsetSeconds, video { id } } }, pageInfo { hasNextPage } }}}`
  return gql<ClipsData, ClipsPage>(
    http,
    { query, variables: {} },
    (body) => readClipsPage(videoId, login, body),
    http.config.twitchCommentsClientId,
  )
}

/** One listing answer → its clips, or the typed error it means. */
export function readClipsPage(videoId: string, login: string, body: GqlResponse<ClipsData>): ClipsPage {
  if (
    body.extensions?.challenge?.type === 'integrity' ||
    (body.errors ?? []).some((e) => /integrity/i.test(e.message ?? ''))
  )
    throw new PlatformError(
      'PLATFORM_CLIPS_UNAVAILABLE',
      `Twitch refused the clip listing of channel ${login}: failed integrity check (check the comments Client-ID setting).`,
      { platform: 'twitch' },
    )
  throwInBand(body, 'clips')
  const user = body.data?.user
  if (user == null)
    throw new PlatformError(
      'PLATFORM_VIDEO_NOT_FOUND',
      `Twitch channel ${login} (owner of video ${videoId}).`,
      {
        platform: 'twitch',
      },
    )
  const edges = user.clips?.edges
  if (!Array.isArray(edges))
    throw new PlatformError('PLATFORM_BAD_RESPONSE', `Twitch listed no clip edges for channel ${login}.`, {
      platform: 'twitch',
    })
  const nodes = edges.slice(0, CLIP_LIMITS.pageSize).flatMap((edge) => {
    const node = parseNode(edge?.node)
    return node === undefined ? [] : [node]
  })
  const cursor = edges.at(-1)?.cursor
  return {
    nodes,
    hasNextPage: user.clips?.pageInfo?.hasNextPage === true,
    cursor:
      typeof cursor === 'string' && cursor.length <= CLIP_LIMITS.maxCursor && CURSOR.test(cursor)
        ? cursor
        : undefined,
  }
}

/** A node with what a clip needs, or undefined (malformed: skipped, not guessed at). */
function parseNode(node: ClipNode | null | undefined): ParsedNode | undefined {
  if (node == null || typeof node.id !== 'string' || node.id.length > CLIP_LIMITS.maxSlug) return undefined
  const { slug, viewCount, durationSeconds, videoOffsetSeconds: offset } = node
  if (typeof slug !== 'string' || slug.length > CLIP_LIMITS.maxSlug || !SLUG.test(slug)) return undefined
  if (typeof viewCount !== 'number' || !Number.isSafeInteger(viewCount) || viewCount < 0) return undefined
  const durationSec =
    typeof durationSeconds === 'number' && durationSeconds > 0 && durationSeconds <= CLIP_LIMITS.maxClipSec
      ? durationSeconds
      : 0
  const videoId = typeof node.video?.id === 'string' ? node.video.id : undefined
  return {
    id: node.id,
    slug,
    title: typeof node.title === 'string' ? node.title.slice(0, CLIP_LIMITS.maxTitle) : '',
    viewCount,
    durationSec,
    createdAt: typeof node.createdAt === 'string' ? node.createdAt.slice(0, 40) : undefined,
    videoId,
    // A clip whose VOD is gone has `videoOffsetSeconds: null`.
    offsetSec: typeof offset === 'number' && Number.isFinite(offset) && offset >= 0 ? offset : undefined,
  }
}

function toClip(node: ParsedNode, offsetSec: number): VodClip {
  return {
    id: node.id,
    slug: node.slug,
    url: `https://clips.twitch.tv/${node.slug}`,
    title: node.title,
    viewCount: node.viewCount,
    durationSec: node.durationSec,
    offsetSec,
    createdAt: node.createdAt,
  }
}
