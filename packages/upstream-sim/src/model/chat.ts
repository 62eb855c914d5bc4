import type { Platform } from '@vodscope/contracts'
import { Lru } from './lru.js'
import { pickChatLine, pickLogin } from './names.js'
import { createRng, type Rng } from './rng.js'
import { base64Url, type Vod } from './vod.js'

export interface SimChatMessage {
  /** The platform's message id. SOOP rows carry no id on the wire; this one exists only in the simulator. */
  id: string
  /** VOD time at the platform's resolution (Twitch: whole seconds). */
  offsetMs: number
  authorId: string
  authorLogin: string
  authorName: string
  text: string
  kind: 'chat' | 'donation'
  amount?: number
}

/** The chat replay of one VOD, generated a minute-block at a time so any page costs the same. */
export interface ChatPlan {
  total: number
  /** Messages with index in [from, to), in replay order. */
  slice(from: number, to: number): SimChatMessage[]
  /** Index of the first message with `offsetMs >= ms` (`total` if none). */
  indexAt(ms: number): number
  /** Messages with offset in [fromMs, toMs). */
  between(fromMs: number, toMs: number): SimChatMessage[]
}

const BLOCK_MS = 60_000
const DONATION_SHARE: Record<Platform, number> = { twitch: 0, soop: 0.015, youtube: 0.005 }
const DONATION_AMOUNTS: Record<Platform, readonly number[]> = {
  twitch: [],
  soop: [1, 5, 10, 50, 100, 500, 1000],
  youtube: [2, 5, 10, 20, 50, 100],
}

const plans = new Lru<string, ChatPlan>(200)
const blocks = new Lru<string, SimChatMessage[]>(1024)

export function getChatPlan(vod: Vod): ChatPlan {
  return plans.getOrCreate(`${vod.seed}:${vod.videoKey}`, () => buildPlan(vod))
}

function buildPlan(vod: Vod): ChatPlan {
  const durationMs = vod.profile.durationSec * 1000
  const blockCount = vod.profile.chatPerMin > 0 ? Math.ceil(durationMs / BLOCK_MS) : 0
  const burstOffsets = burstOffsetsByBlock(vod)
  const counts: number[] = []
  const starts: number[] = [0]
  for (let b = 0; b < blockCount; b++) {
    const lengthMs = Math.min(BLOCK_MS, durationMs - b * BLOCK_MS)
    const burst = burstOffsets.get(b)?.length ?? 0
    const base = createRng(vod.seed, 'chat-count', vod.videoKey, b).poisson(
      (vod.profile.chatPerMin * lengthMs) / BLOCK_MS,
    )
    counts.push(Math.min(base, lengthMs - burst) + burst)
    starts.push((starts[b] ?? 0) + (counts[b] ?? 0))
  }
  const total = starts[blockCount] ?? 0

  const block = (b: number): SimChatMessage[] =>
    blocks.getOrCreate(`${vod.seed}:${vod.videoKey}:${b}`, () =>
      generateBlock(vod, b, counts[b] ?? 0, burstOffsets.get(b) ?? [], durationMs),
    )
  const blockOf = (index: number): number => {
    let lo = 0
    let hi = blockCount - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] ?? 0) <= index) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const slice = (from: number, to: number): SimChatMessage[] => {
    const out: SimChatMessage[] = []
    const end = Math.min(to, total)
    let index = Math.max(0, from)
    while (index < end) {
      const b = blockOf(index)
      const messages = block(b)
      const first = index - (starts[b] ?? 0)
      const take = messages.slice(first, first + (end - index))
      out.push(...take)
      index += take.length
    }
    return out
  }
  const indexAt = (ms: number): number => {
    if (ms <= 0) return 0
    const b = Math.floor(ms / BLOCK_MS)
    if (b >= blockCount) return total
    const messages = block(b)
    const within = messages.findIndex((m) => m.offsetMs >= ms)
    return within < 0 ? (starts[b + 1] ?? total) : (starts[b] ?? 0) + within
  }
  return { total, slice, indexAt, between: (fromMs, toMs) => slice(indexAt(fromMs), indexAt(toMs)) }
}

/** Burst messages are fixed first, so the base messages of a block fill the milliseconds left over. */
function burstOffsetsByBlock(vod: Vod): Map<number, number[]> {
  const byBlock = new Map<number, number[]>()
  vod.chatBursts.forEach((burst, i) => {
    const rng = createRng(vod.seed, 'burst', vod.videoKey, i)
    const startMs = burst.atSec * 1000
    const taken = new Set<number>()
    while (taken.size < burst.messageCount) taken.add(startMs + rng.int(0, burst.durationSec * 1000))
    for (const ms of taken) {
      const b = Math.floor(ms / BLOCK_MS)
      const list = byBlock.get(b) ?? []
      list.push(ms)
      byBlock.set(b, list)
    }
  })
  return byBlock
}

function generateBlock(
  vod: Vod,
  b: number,
  count: number,
  burstMs: number[],
  durationMs: number,
): SimChatMessage[] {
  const rng = createRng(vod.seed, 'chat-block', vod.videoKey, b)
  const startMs = b * BLOCK_MS
  const endMs = Math.min(startMs + BLOCK_MS, durationMs)
  const hype = new Set(burstMs)
  // Distinct milliseconds keep (offset, author) unique, which is all a SOOP client can de-duplicate on.
  const taken = new Set(burstMs)
  while (taken.size < count) taken.add(rng.int(startMs, endMs))
  const offsets = [...taken].sort((x, y) => x - y)
  const authorPool = Math.min(5000, Math.max(20, vod.profile.chatPerMin * 3))
  return offsets.map((ms, k) => {
    const author = pickAuthor(vod, rng.int(0, authorPool))
    const donation = rng.next() < DONATION_SHARE[vod.platform]
    const text = pickChatLine(rng, hype.has(ms))
    const message: SimChatMessage = {
      id: messageId(vod.platform, rng, b, k),
      offsetMs: vod.platform === 'twitch' ? Math.floor(ms / 1000) * 1000 : ms,
      ...author,
      // A SOOP balloon row carries no text.
      text: donation && vod.platform === 'soop' ? '' : text,
      kind: donation ? 'donation' : 'chat',
    }
    if (donation) message.amount = rng.pick(DONATION_AMOUNTS[vod.platform])
    return message
  })
}

function messageId(platform: Platform, rng: Rng, block: number, k: number): string {
  switch (platform) {
    case 'twitch': {
      const h = rng.hex(32)
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`
    }
    case 'youtube':
      return `ChwKGk${base64Url(rng, 26)}`
    case 'soop':
      return `sim-${block}-${k}`
  }
}

function pickAuthor(
  vod: Vod,
  index: number,
): Pick<SimChatMessage, 'authorId' | 'authorLogin' | 'authorName'> {
  const rng = createRng(vod.seed, 'author', vod.platform, vod.videoKey, index)
  const login = pickLogin(rng)
  const authorId =
    vod.platform === 'twitch'
      ? String(rng.int(10_000_000, 999_999_999))
      : vod.platform === 'youtube'
        ? `UC${base64Url(rng, 22)}`
        : login
  return { authorId, authorLogin: login, authorName: login.replace(/_\d+$/, '') }
}
