import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { sleep } from '../http/host-gate.js'
import type { ChatMessage } from '../types.js'
import { type GqlResponse, gql, throwInBand } from './gql.js'

/**
 * The persisted query Twitch's web player uses; the server knows it by this hash alone. Still the hash
 * TwitchDownloader sends (ChatDownloader.cs, read 2026-12), one operation per POST.
 */
const COMMENTS_HASH = 'b70a3591ff0f4e0313d126c6a1502d79a1c02baebb288227c582044aa76adf6a'

/**
 * `comments: null` happens under load and passes: TwitchDownloader retries it up to 10 times, waiting
 * 100 ms × the count (ChatDownloader.cs, read 2026-12). These retries are separate from the HTTP ones.
 */
export const NULL_COMMENTS = { retries: 10, stepMs: 100 } as const

/** A run of a comment's text; one with `emote` is a single emote whose text is its name. */
interface Fragment {
  text?: string
  emote?: { emoteID?: string } | null
}

interface CommentEdge {
  cursor?: string
  node?: {
    id?: string
    contentOffsetSeconds?: number
    commenter?: { id?: string; login?: string; displayName?: string } | null
    message?: { fragments?: Fragment[] }
  }
}

export interface CommentsData {
  video?: { comments?: { edges?: CommentEdge[]; pageInfo?: { hasNextPage?: boolean } } | null } | null
}

export interface Page {
  edges: CommentEdge[]
  hasNextPage: boolean
}

/**
 * Comments with offset in [startSec, endSec): the first page by integer `contentOffsetSeconds`, then
 * by cursor until a comment at or past the range end, de-duplicated by comment id.
 */
export async function* crawlTwitchChat(
  http: HttpClient,
  videoId: string,
  startSec: number,
  endSec: number,
): AsyncGenerator<ChatMessage[]> {
  const startMs = startSec * 1000
  const endMs = endSec * 1000
  const seen = new Set<string>()
  let variables: Record<string, unknown> = { videoID: videoId, contentOffsetSeconds: Math.floor(startSec) }
  for (;;) {
    const page = await pageWithRetries(http, videoId, variables)
    const batch: ChatMessage[] = []
    let pastEnd = false
    for (const edge of page.edges) {
      const message = toMessage(edge)
      if (message === undefined) continue
      if (message.offsetMs >= endMs) {
        pastEnd = true
        break
      }
      if (message.offsetMs < startMs || seen.has(message.id)) continue
      seen.add(message.id)
      batch.push(message)
    }
    if (batch.length > 0) yield batch
    const cursor = page.edges.at(-1)?.cursor
    if (pastEnd || !page.hasNextPage || cursor === undefined) return
    variables = { videoID: videoId, cursor }
  }
}

async function pageWithRetries(
  http: HttpClient,
  videoId: string,
  variables: Record<string, unknown>,
): Promise<Page> {
  for (let nulls = 0; ; ) {
    const page = await commentsPage(http, videoId, variables)
    if (page !== null) return page
    if (++nulls > NULL_COMMENTS.retries)
      throw new PlatformError(
        'PLATFORM_TRANSIENT',
        `Twitch answered comments: null ${nulls} times in a row for video ${videoId}.`,
        { platform: 'twitch' },
      )
    await sleep(NULL_COMMENTS.stepMs * nulls)
  }
}

/** One page; null when Twitch answered `comments: null` (transient, see NULL_COMMENTS). */
function commentsPage(
  http: HttpClient,
  videoId: string,
  variables: Record<string, unknown>,
): Promise<Page | null> {
  const operation = {
    operationName: 'VideoCommentsByOffsetOrCursor',
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: COMMENTS_HASH } },
  }
  return gql<CommentsData, Page | null>(
    http,
    operation,
    (body) => readCommentsPage(videoId, body),
    http.config.twitchCommentsClientId,
  )
}

/** One comments answer → a page, null for `comments: null` (retry), or the typed error it means. */
export function readCommentsPage(videoId: string, body: GqlResponse<CommentsData>): Page | null {
  // Refused, not failed: retrying with the same Client-ID gets the same answer.
  if (isIntegrityRefusal(body))
    throw new PlatformError(
      'PLATFORM_CHAT_UNAVAILABLE',
      `Twitch refused the comment page of video ${videoId}: failed integrity check (check the comments Client-ID setting).`,
      { platform: 'twitch' },
    )
  const video = body.data?.video
  const comments = video?.comments
  // Past the end Twitch answers zero edges *and* an in-band error: that is the end, not a failure.
  if (comments != null && (comments.edges ?? []).length === 0) return { edges: [], hasNextPage: false }
  if (video != null && comments == null) return null
  throwInBand(body, 'comments')
  if (video == null)
    throw new PlatformError('PLATFORM_VIDEO_NOT_FOUND', `Twitch video ${videoId}.`, { platform: 'twitch' })
  return { edges: comments?.edges ?? [], hasNextPage: comments?.pageInfo?.hasNextPage === true }
}

/**
 * `{"errors":[{"message":"failed integrity check",…}],"data":{…:null},"extensions":{"challenge":
 * {"type":"integrity"}}}` — what cursor pages sent with the web Client-ID get (upstreams.md 2026-12).
 */
function isIntegrityRefusal(body: GqlResponse<unknown>): boolean {
  return (
    body.extensions?.challenge?.type === 'integrity' ||
    (body.errors ?? []).some((e) => /integrity/i.test(e.message ?? ''))
  )
}

function toMessage(edge: CommentEdge): ChatMessage | undefined {
  const node = edge.node
  if (typeof node?.id !== 'string' || typeof node.contentOffsetSeconds !== 'number') return undefined
  const commenter = node.commenter
  return {
    id: node.id,
    offsetMs: Math.round(node.contentOffsetSeconds * 1000),
    // A deleted account leaves its comments with a null commenter.
    authorId: commenter?.id ?? '',
    authorName: commenter?.displayName ?? commenter?.login ?? '',
    text: (node.message?.fragments ?? []).map((f) => f.text ?? '').join(''),
    kind: 'chat',
    ...emotesOf(node.message?.fragments ?? []),
  }
}

/** Bounds on what one comment may add: Twitch caps a message at 500 characters. */
export const MAX_EMOTES_PER_MESSAGE = 20
const MAX_EMOTE_NAME = 50

/**
 * A fragment with an `emote` is one emote, its text the emote's name (TwitchDownloader's
 * `Comment.message.fragments[].emote.emoteID`, read 2026-12).
 */
function emotesOf(fragments: readonly Fragment[]) {
  const emotes = fragments
    .filter((f) => typeof f.emote?.emoteID === 'string' && typeof f.text === 'string' && f.text.trim() !== '')
    .slice(0, MAX_EMOTES_PER_MESSAGE)
    .map((f) => f.text!.trim().slice(0, MAX_EMOTE_NAME))
  return emotes.length > 0 ? { emotes } : {}
}
