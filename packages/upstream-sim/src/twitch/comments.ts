import { getChatPlan, type SimChatMessage } from '../model/chat.js'
import { createRng } from '../model/rng.js'
import type { SimState } from '../state.js'

/** The sha256 of the persisted `VideoCommentsByOffsetOrCursor` query, as Twitch's web player sends it. */
export const COMMENTS_QUERY_HASH = 'b70a3591ff0f4e0313d126c6a1502d79a1c02baebb288227c582044aa76adf6a'

export type GqlResult = {
  data: Record<string, unknown> | null
  errors?: Array<{ message: string; path?: string[] }>
  extensions?: Record<string, unknown>
}

/**
 * One page of `VideoCommentsByOffsetOrCursor`. The first page starts at `contentOffsetSeconds` (an
 * integer), the next ones after a cursor; pages hold 50–100 comments. An offset past the end answers
 * zero edges plus an in-band "service error", as Twitch does.
 */
export function commentsPage(state: SimState, variables: Record<string, unknown>): GqlResult {
  const videoId = String(variables.videoID ?? '')
  if (!/^\d{1,15}$/.test(videoId)) return { data: { video: null } }
  const vod = state.vod('twitch', videoId)
  if (state.status(vod) !== 'ok') return { data: { video: null } }
  const plan = getChatPlan(vod)

  let start: number
  if (typeof variables.cursor === 'string') {
    const index = decodeCursor(variables.cursor)
    if (index === undefined)
      return { data: { video: null }, errors: [{ message: 'invalid cursor', path: ['video', 'comments'] }] }
    start = index + 1
  } else {
    const offset = variables.contentOffsetSeconds
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
      return {
        data: null,
        errors: [
          {
            message: `Variable "$contentOffsetSeconds" got invalid value ${JSON.stringify(offset)}; Int cannot represent non-integer value`,
          },
        ],
      }
    }
    if (offset >= vod.profile.durationSec) {
      return {
        data: { video: videoWith(vod.videoId, vod.channel.id, [], false, false) },
        errors: [{ message: 'service error', path: ['video', 'comments'] }],
      }
    }
    start = plan.indexAt(offset * 1000)
  }
  const size = createRng(state.seed, 'twitch-page', videoId, start).int(50, 101)
  const end = Math.min(plan.total, start + size)
  const streamStartMs = Date.parse(vod.publishedAt)
  const edges = plan.slice(start, end).map((message, i) => edge(message, start + i, videoId, streamStartMs))
  return { data: { video: videoWith(vod.videoId, vod.channel.id, edges, end < plan.total, start > 0) } }
}

/** The shape of a transient failure: HTTP 200, `errors`, and `comments: null`. */
export function transientComments(videoId: string): GqlResult {
  return {
    data: { video: { id: videoId, comments: null, __typename: 'Video' } },
    errors: [{ message: 'service timeout', path: ['video', 'comments'] }],
  }
}

/** `comments: null` without any error: TwitchDownloader meets it under load and retries it. */
export function nullComments(videoId: string): GqlResult {
  return { data: { video: { id: videoId, comments: null, __typename: 'Video' } } }
}

function videoWith(
  id: string,
  creatorId: string,
  edges: unknown[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
) {
  return {
    id,
    creator: { id: creatorId, __typename: 'User' },
    comments: {
      edges,
      pageInfo: { hasNextPage, hasPreviousPage, __typename: 'PageInfo' },
      __typename: 'VideoCommentConnection',
    },
    __typename: 'Video',
  }
}

function edge(message: SimChatMessage, index: number, videoId: string, streamStartMs: number) {
  return {
    cursor: encodeCursor(message.id, index, videoId),
    node: {
      id: message.id,
      commenter: {
        id: message.authorId,
        login: message.authorLogin,
        displayName: message.authorName,
        __typename: 'User',
      },
      contentOffsetSeconds: message.offsetMs / 1000,
      createdAt: new Date(streamStartMs + message.offsetMs).toISOString(),
      message: {
        fragments: fragments(message.text),
        userBadges:
          index % 7 === 0
            ? [{ id: 'c3Vic2NyaWJlcjsxMjs=', setID: 'subscriber', version: '12', __typename: 'Badge' }]
            : [],
        userColor: '#1E90FF',
        __typename: 'VideoCommentMessage',
      },
      __typename: 'VideoComment',
    },
    __typename: 'VideoCommentEdge',
  }
}

const EMOTES: Record<string, string> = { Kappa: '25', LUL: '425618' }

/** Emote words become their own fragments, as in Twitch's replay. */
function fragments(text: string) {
  const emoteId = EMOTES[text]
  const emote =
    emoteId === undefined
      ? null
      : { emoteID: emoteId, from: 0, id: `${emoteId};0;${text.length - 1}`, __typename: 'EmbeddedEmote' }
  return [{ text, emote, __typename: 'VideoCommentMessageFragment' }]
}

function encodeCursor(id: string, index: number, videoId: string): string {
  return Buffer.from(
    JSON.stringify({ id, hk: `broadcast:${videoId}`, sk: `AAAA${index.toString(36)}` }),
  ).toString('base64')
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const { sk } = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { sk?: unknown }
    if (typeof sk !== 'string' || !sk.startsWith('AAAA')) return undefined
    const index = Number.parseInt(sk.slice(4), 36)
    return Number.isSafeInteger(index) && index >= 0 ? index : undefined
  } catch {
    return undefined
  }
}
