import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { parseJson } from '../http/json.js'
import type { ChatMessage } from '../types.js'
import { asArray, dig, scriptJson } from './page-json.js'

interface Innertube {
  apiKey: string
  context: unknown
}

/**
 * Live chat replay with VOD offset in [startSec, endSec): the watch page's "Live chat replay"
 * continuation, the replay frame's innertube context, then `get_live_chat_replay` pages from
 * `playerOffsetMs` until past the end. YouTube changes this flow without notice, so any missing piece
 * is a typed, non-retryable "chat unavailable" — never a silent empty crawl.
 */
export async function* crawlYoutubeChat(
  http: HttpClient,
  videoId: string,
  startSec: number,
  endSec: number,
): AsyncGenerator<ChatMessage[]> {
  const startMs = startSec * 1000
  const endMs = endSec * 1000
  let continuation: string | undefined = await replayContinuation(http, videoId)
  const innertube = await replayContext(http, videoId, continuation)
  const seen = new Set<string>()
  let first = true
  while (continuation !== undefined) {
    const body = JSON.stringify({
      context: innertube.context,
      continuation,
      // Only the opening request seeks; later continuations carry their own position.
      ...(first ? { currentPlayerState: { playerOffsetMs: String(Math.floor(startMs)) } } : {}),
    })
    first = false
    const page = await http
      .request(
        {
          upstream: 'youtube',
          path: `/youtubei/v1/live_chat/get_live_chat_replay?key=${encodeURIComponent(innertube.apiKey)}&prettyPrint=false`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          platform: 'youtube',
        },
        (response) => parseJson<unknown>(response.text),
      )
      .catch((err: unknown) => unavailableOn4xx(err, videoId))
    const chat = dig(page, 'continuationContents', 'liveChatContinuation')
    if (chat === undefined) throw unavailable(videoId, 'the replay page has no liveChatContinuation')
    const batch: ChatMessage[] = []
    let pastEnd = false
    for (const message of asArray(dig(chat, 'actions')).flatMap(toMessages)) {
      if (message.offsetMs >= endMs) pastEnd = true
      if (message.offsetMs < startMs || message.offsetMs >= endMs || seen.has(message.id)) continue
      seen.add(message.id)
      batch.push(message)
    }
    if (batch.length > 0) yield batch
    continuation = pastEnd ? undefined : nextContinuation(chat)
  }
}

/** The "Live chat replay" (every message) entry, not the default "Top chat replay" (a filtered subset). */
async function replayContinuation(http: HttpClient, videoId: string): Promise<string> {
  const html = await http.request(
    { upstream: 'youtube', path: `/watch?v=${videoId}&hl=en`, platform: 'youtube' },
    (r) => r.text,
  )
  const renderer = dig(
    scriptJson(html, 'ytInitialData = '),
    'contents',
    'twoColumnWatchNextResults',
    'conversationBar',
    'liveChatRenderer',
  )
  if (renderer === undefined) throw unavailable(videoId, 'the video has no chat replay')
  const items = asArray(
    dig(
      renderer,
      'header',
      'liveChatHeaderRenderer',
      'viewSelector',
      'sortFilterSubMenuRenderer',
      'subMenuItems',
    ),
  )
  const all = items.find((item) => /^live chat/i.test(String(dig(item, 'title')))) ?? items.at(-1)
  const token =
    dig(all ?? {}, 'continuation', 'reloadContinuationData', 'continuation') ??
    dig(renderer, 'continuations', 0, 'reloadContinuationData', 'continuation')
  if (typeof token !== 'string') throw unavailable(videoId, 'no replay continuation on the watch page')
  return token
}

async function replayContext(http: HttpClient, videoId: string, continuation: string): Promise<Innertube> {
  const html = await http
    .request(
      {
        upstream: 'youtube',
        path: `/live_chat_replay?continuation=${encodeURIComponent(continuation)}`,
        platform: 'youtube',
      },
      (r) => r.text,
    )
    .catch((err: unknown) => unavailableOn4xx(err, videoId))
  const ytcfg = scriptJson(html, 'ytcfg.set(')
  const apiKey = dig(ytcfg, 'INNERTUBE_API_KEY')
  const context = dig(ytcfg, 'INNERTUBE_CONTEXT')
  if (typeof apiKey !== 'string' || context === undefined)
    throw unavailable(videoId, 'the replay frame has no innertube context')
  return { apiKey, context }
}

function nextContinuation(chat: unknown): string | undefined {
  for (const c of asArray(dig(chat, 'continuations'))) {
    // The last page offers only a seek continuation: the replay is over.
    const token = dig(c, 'liveChatReplayContinuationData', 'continuation')
    if (typeof token === 'string') return token
  }
  return undefined
}

function toMessages(action: unknown): ChatMessage[] {
  const replay = dig(action, 'replayChatItemAction')
  const offsetMs = Number(dig(replay, 'videoOffsetTimeMsec'))
  if (!Number.isFinite(offsetMs)) return []
  return asArray(dig(replay, 'actions')).flatMap((inner) => {
    const item = dig(inner, 'addChatItemAction', 'item')
    const text = dig(item, 'liveChatTextMessageRenderer')
    const paid = dig(item, 'liveChatPaidMessageRenderer')
    const renderer = text ?? paid
    const id = dig(renderer, 'id')
    if (typeof id !== 'string') return []
    const message: ChatMessage = {
      id,
      offsetMs,
      authorId: String(dig(renderer, 'authorExternalChannelId') ?? ''),
      authorName: String(dig(renderer, 'authorName', 'simpleText') ?? ''),
      text: asArray(dig(renderer, 'message', 'runs'))
        .map((run) => String(dig(run, 'text') ?? dig(run, 'emoji', 'shortcuts', 0) ?? ''))
        .join(''),
      kind: paid === undefined ? 'chat' : 'donation',
    }
    if (paid !== undefined)
      message.amount =
        Number(String(dig(paid, 'purchaseAmountText', 'simpleText') ?? '').replace(/[^\d.]/g, '')) || 0
    return [message]
  })
}

function unavailable(videoId: string, why: string): PlatformError {
  return new PlatformError('chatUnavailable', `YouTube video ${videoId}: ${why}.`, { platform: 'youtube' })
}

/** A 4xx from the replay endpoints means the flow changed or the replay is gone; retrying will not help. */
function unavailableOn4xx(err: unknown, videoId: string): never {
  if (err instanceof PlatformError && err.kind === 'unexpectedStatus') {
    throw new PlatformError(
      'chatUnavailable',
      `YouTube video ${videoId}: the replay endpoint answered ${err.status}.`,
      {
        platform: 'youtube',
        status: err.status,
        cause: err,
      },
    )
  }
  throw err
}
