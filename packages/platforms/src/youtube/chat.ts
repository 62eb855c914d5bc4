import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { parseJson } from '../http/json.js'
import type { ChatMessage } from '../types.js'
import { asArray, dig, innertubeConfig, scriptJson } from './page-json.js'

interface Innertube {
  apiKey: string
  context: unknown
}

/**
 * Live chat replay with VOD offset in [startSec, endSec), as yt-dlp's downloader/youtube_live_chat.py
 * does it (yt-dlp 2026-08, read 2026-12):
 * 1. the watch page: the InnerTube key and context from the `ytcfg.set({…})` that has them, and the
 *    replay's entry point `liveChatRenderer.continuations[0]` — the *Top chat* reload continuation;
 * 2. since Oct 2025 the chat-mode menu is no longer on the watch page: the *Live chat* (every message)
 *    continuation is `subMenuItems[1]` of the `live_chat_replay` frame's first page, or of the first
 *    `get_live_chat_replay` response (`[0]` is Top chat, a filtered subset);
 * 3. `get_live_chat_replay` pages from `playerOffsetMs` (first request only) until past the end; the
 *    last page has only a `playerSeekContinuationData`, or no continuations.
 * Top chat is never crawled in its place: when no full-chat continuation can be found the crawl fails
 * as "chat unavailable" saying so, and the job shows it — a filtered chat would pass for a quiet one.
 */
export async function* crawlYoutubeChat(
  http: HttpClient,
  videoId: string,
  startSec: number,
  endSec: number,
): AsyncGenerator<ChatMessage[]> {
  const startMs = startSec * 1000
  const endMs = endSec * 1000
  const entry = await watchPageEntry(http, videoId)
  const full = await fullChatContinuation(http, videoId, entry)
  const seen = new Set<string>()
  let continuation: string | undefined = full.continuation
  let first = true
  while (continuation !== undefined) {
    // Only the opening request seeks; later continuations carry their own position.
    const page = await replayPage(http, videoId, full.innertube, continuation, first ? startMs : undefined)
    first = false
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

interface WatchPageEntry {
  innertube: Innertube | undefined
  /** The Top chat reload continuation: only a way in, never crawled. */
  topChat: string
  /** The Live chat continuation, when the page still carries the old chat-mode menu. */
  liveChat: string | undefined
}

async function watchPageEntry(http: HttpClient, videoId: string): Promise<WatchPageEntry> {
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
  const topChat = dig(renderer, 'continuations', 0, 'reloadContinuationData', 'continuation')
  if (typeof topChat !== 'string') throw unavailable(videoId, 'no replay continuation on the watch page')
  return { innertube: innertubeConfig(html), topChat, liveChat: liveChatFromMenu(dig(renderer, 'header')) }
}

/** Frame first (one GET, as yt-dlp), then the first replay response; each may carry the menu. */
async function fullChatContinuation(
  http: HttpClient,
  videoId: string,
  entry: WatchPageEntry,
): Promise<{ innertube: Innertube; continuation: string }> {
  let innertube = entry.innertube
  let liveChat = entry.liveChat
  if (liveChat === undefined || innertube === undefined) {
    const frame = await http
      .request(
        {
          upstream: 'youtube',
          path: `/live_chat_replay?continuation=${encodeURIComponent(entry.topChat)}`,
          platform: 'youtube',
        },
        (r) => r.text,
      )
      .catch((err: unknown) => unavailableOn4xx(err, videoId))
    innertube ??= innertubeConfig(frame)
    liveChat ??= liveChatFromMenu(
      dig(frameInitialData(frame), 'continuationContents', 'liveChatContinuation', 'header'),
    )
  }
  if (innertube === undefined)
    throw unavailable(videoId, 'no innertube context on the watch page or the replay frame')
  if (liveChat === undefined) {
    const page = await replayPage(http, videoId, innertube, entry.topChat, undefined)
    liveChat = liveChatFromMenu(dig(page, 'continuationContents', 'liveChatContinuation', 'header'))
  }
  if (liveChat === undefined)
    throw unavailable(
      videoId,
      'YouTube offered only the filtered "Top chat" replay, no "Live chat" continuation; a filtered chat is not crawled as the full one',
    )
  return { innertube, continuation: liveChat }
}

/** The replay frame assigns `window["ytInitialData"] = {…}` (yt-dlp matches both spellings). */
function frameInitialData(html: string): unknown {
  return scriptJson(html, 'window["ytInitialData"] = ') ?? scriptJson(html, 'ytInitialData = ')
}

/**
 * `…viewSelector.sortFilterSubMenuRenderer.subMenuItems[1]` is "Live chat" and `[0]` "Top chat"
 * (yt-dlp `try_refresh_replay_beginning`). The title is checked first in case the order changes; the
 * first item alone is never taken.
 */
export function liveChatFromMenu(header: unknown): string | undefined {
  const items = asArray(
    dig(header, 'liveChatHeaderRenderer', 'viewSelector', 'sortFilterSubMenuRenderer', 'subMenuItems'),
  )
  const titled = items.find((item) => /^live chat/i.test(menuTitle(item)))
  const item = titled ?? (items.length >= 2 && !/^top chat/i.test(menuTitle(items[1])) ? items[1] : undefined)
  const token = dig(item, 'continuation', 'reloadContinuationData', 'continuation')
  return typeof token === 'string' ? token : undefined
}

function menuTitle(item: unknown): string {
  const title = dig(item, 'title')
  return String(
    typeof title === 'string' ? title : (dig(title, 'simpleText') ?? dig(title, 'runs', 0, 'text') ?? ''),
  )
}

function replayPage(
  http: HttpClient,
  videoId: string,
  innertube: Innertube,
  continuation: string,
  playerOffsetMs: number | undefined,
): Promise<unknown> {
  const body = JSON.stringify({
    context: innertube.context,
    continuation,
    ...(playerOffsetMs !== undefined
      ? { currentPlayerState: { playerOffsetMs: String(Math.floor(playerOffsetMs)) } }
      : {}),
  })
  return http
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
}

export function nextContinuation(chat: unknown): string | undefined {
  for (const c of asArray(dig(chat, 'continuations'))) {
    // The last page offers only a seek continuation: the replay is over.
    const token = dig(c, 'liveChatReplayContinuationData', 'continuation')
    if (typeof token === 'string') return token
  }
  return undefined
}

/** `replayChatItemAction.{videoOffsetTimeMsec, actions[].addChatItemAction.item}` (yt-dlp, chat-downloader). */
export function toMessages(action: unknown): ChatMessage[] {
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
  return new PlatformError('PLATFORM_CHAT_UNAVAILABLE', `YouTube video ${videoId}: ${why}.`, {
    platform: 'youtube',
  })
}

/** A 4xx from the replay endpoints means the flow changed or the replay is gone; retrying will not help. */
function unavailableOn4xx(err: unknown, videoId: string): never {
  if (err instanceof PlatformError && err.code === 'PLATFORM_UNEXPECTED_STATUS') {
    throw new PlatformError(
      'PLATFORM_CHAT_UNAVAILABLE',
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
