import { getChatPlan, type SimChatMessage } from '../model/chat.js'
import { createRng, hashString } from '../model/rng.js'
import { hasChatReplay } from '../model/truth.js'
import type { SimState } from '../state.js'
import { type Continuation, decodeContinuation, encodeContinuation } from './continuation.js'
import { chatViewMenu } from './initial-data.js'

export type ReplayResult = { ok: true; body: Record<string, unknown> } | { ok: false }

/**
 * One page of the live chat replay: 40–80 messages from the continuation's position (a `reload`
 * continuation starts at `playerOffsetMs`). The next `liveChatReplayContinuationData` continues; the
 * last page offers only a `playerSeekContinuationData`, which is how a client knows the replay ended.
 * The first page of a view (a `reload`) carries the chat-mode menu in its `header`, as YouTube's has
 * since Oct 2025; later pages do not.
 */
export function replayPage(state: SimState, token: string, playerOffsetMs: number): ReplayResult {
  const continuation = decodeContinuation(token)
  if (continuation === undefined || continuation.type === 'seek') return { ok: false }
  const vod = state.vod('youtube', continuation.videoId)
  if (state.status(vod) !== 'ok' || !hasChatReplay(vod)) return { ok: false }
  const plan = getChatPlan(vod)
  const start =
    continuation.type === 'reload' ? plan.indexAt(Math.max(0, playerOffsetMs)) : (continuation.index ?? 0)
  const want = createRng(state.seed, 'yt-page', vod.videoId, continuation.view, start).int(40, 81)

  const messages: SimChatMessage[] = []
  let next = start
  while (messages.length < want && next < plan.total) {
    const batch = plan.slice(next, next + 200)
    for (const message of batch) {
      next++
      if (continuation.view === 'all' || inTopChat(message)) messages.push(message)
      if (messages.length === want) break
    }
  }
  const streamStartMs = Date.parse(vod.publishedAt)
  const follow = (c: Continuation) => encodeContinuation(c)
  const continuations =
    next < plan.total
      ? [
          {
            liveChatReplayContinuationData: {
              continuation: follow({ ...continuation, type: 'replay', index: next }),
              timeUntilLastMessageMsec: 5000,
            },
          },
        ]
      : [{ playerSeekContinuationData: { continuation: follow({ ...continuation, type: 'seek' }) } }]
  return {
    ok: true,
    body: {
      responseContext: { serviceTrackingParams: [] },
      continuationContents: {
        liveChatContinuation: {
          continuations,
          actions: messages.map((m) => replayAction(m, streamStartMs)),
          ...(continuation.type === 'reload' ? { header: chatViewMenu(vod, continuation.view) } : {}),
        },
      },
    },
  }
}

/** "Top chat" hides some messages; a client that reads it instead of "Live chat replay" loses them. */
function inTopChat(message: SimChatMessage): boolean {
  return hashString(message.id) % 5 !== 0
}

function replayAction(message: SimChatMessage, streamStartMs: number) {
  const common = {
    id: message.id,
    timestampUsec: String((streamStartMs + message.offsetMs) * 1000),
    authorName: { simpleText: message.authorName },
    authorPhoto: { thumbnails: [{ url: 'https://yt4.ggpht.com/sim=s64', width: 64, height: 64 }] },
    authorExternalChannelId: message.authorId,
    message: { runs: [{ text: message.text }] },
    timestampText: { simpleText: clock(message.offsetMs) },
  }
  const item =
    message.kind === 'donation'
      ? {
          liveChatPaidMessageRenderer: {
            ...common,
            purchaseAmountText: { simpleText: `$${(message.amount ?? 0).toFixed(2)}` },
            headerBackgroundColor: 4278239141,
          },
        }
      : { liveChatTextMessageRenderer: common }
  return {
    replayChatItemAction: {
      actions: [{ addChatItemAction: { item, clientId: `sim-${message.id.slice(-8)}` } }],
      videoOffsetTimeMsec: String(message.offsetMs),
    },
  }
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
