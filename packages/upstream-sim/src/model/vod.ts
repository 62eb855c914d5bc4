import { formatVideoKey, type Platform, type VideoKey, type VideoPart } from '@vodscope/contracts'
import { Lru } from './lru.js'
import { pickLogin, pickTitle } from './names.js'
import { profileFor, type VodProfile } from './profile.js'
import { createRng, type Rng } from './rng.js'

/** A moment of the VOD, in VOD seconds from the start of the first part. */
export interface Moment {
  atSec: number
  durationSec: number
  /**
   * How strong the moment is, 1 (fair) to 3 (great): the loud moment's level above the bed (see the
   * audio's `momentSpread`) and the chat burst's size grow with it, so a ranking can be checked for
   * telling them apart.
   */
  strength: MomentStrength
}

export const MOMENT_STRENGTHS = [1, 2, 3] as const
export type MomentStrength = (typeof MOMENT_STRENGTHS)[number]

export interface ChatBurst extends Moment {
  /** Messages added on top of the base rate, spread evenly over the burst. */
  messageCount: number
}

export interface Channel {
  id: string
  login: string
  name: string
}

/** Everything the simulator says about one VOD; derived from (platform, id, seed) alone. */
export interface Vod {
  platform: Platform
  videoId: string
  videoKey: VideoKey
  seed: number
  profile: VodProfile
  title: string
  channel: Channel
  /** When the stream started (ISO). */
  publishedAt: string
  viewCount: number
  parts: VideoPart[]
  /** The true highlights: a loud moment, and chat reacting a few seconds later. */
  loudMoments: Moment[]
  chatBursts: ChatBurst[]
}

/** Length of a loud moment in the audio; the audio renderer builds its loud tiles this long. */
export const LOUD_MOMENT_SEC = 6
const BURST_SEC = 20
/** SOOP splits a long broadcast into files of at most this length. */
export const SOOP_PART_MAX_SEC = 2 * 3600
/** Roughly one highlight per 25 minutes, at least one and at most this many. */
const MAX_HIGHLIGHTS = 16

const cache = new Lru<string, Vod>(2000)

export function getVod(platform: Platform, videoId: string, seed: number): Vod {
  return cache.getOrCreate(`${seed}:${platform}:${videoId}`, () => buildVod(platform, videoId, seed))
}

function buildVod(platform: Platform, videoId: string, seed: number): Vod {
  const profile = profileFor(platform, videoId, seed)
  const rng = createRng(seed, 'vod', platform, videoId)
  const channel = pickChannel(platform, seed, rng.int(0, 500))
  const startMs = Date.UTC(2024, 0, 1) + rng.int(0, 700 * 86_400) * 1000
  const parts = splitParts(platform, videoId, profile.durationSec, startMs, rng)
  const { loudMoments, chatBursts } = placeHighlights(profile, rng, strengthCycle(seed, platform, videoId))
  return {
    platform,
    videoId,
    videoKey: formatVideoKey(platform, videoId),
    seed,
    profile,
    title: pickTitle(rng),
    channel,
    publishedAt: isoSeconds(startMs),
    viewCount: Math.round(10 * 50_000 ** rng.next()),
    parts,
    loudMoments,
    chatBursts,
  }
}

function pickChannel(platform: Platform, seed: number, index: number): Channel {
  const rng = createRng(seed, 'channel', platform, index)
  const login = pickLogin(rng)
  const name = login.charAt(0).toUpperCase() + login.slice(1)
  switch (platform) {
    case 'twitch':
      return { id: String(rng.int(10_000_000, 999_999_999)), login, name }
    case 'soop':
      return { id: login, login, name }
    case 'youtube':
      return { id: `UC${base64Url(rng, 22)}`, login, name }
  }
}

function splitParts(
  platform: Platform,
  videoId: string,
  durationSec: number,
  startMs: number,
  rng: Rng,
): VideoPart[] {
  if (platform !== 'soop') return [{ index: 0, partId: videoId, startSec: 0, durationSec }]
  const count = Math.ceil(durationSec / SOOP_PART_MAX_SEC)
  const each = Math.floor(durationSec / count)
  const day = new Date(startMs).toISOString().slice(0, 10).replace(/-/g, '')
  const tag = rng.hex(8).toUpperCase()
  return Array.from({ length: count }, (_, index) => ({
    index,
    // SOOP's file_info_key; the chat rowKey is this plus `_c`.
    partId: `${day}_${tag}_${videoId}_${index + 1}`,
    startSec: index * each,
    durationSec: index === count - 1 ? durationSec - index * each : each,
  }))
}

/**
 * One highlight per slot of the VOD, placed in the middle of its slot so highlights never overlap:
 * a loud moment at `atSec`, and a chat burst starting a few seconds later (chat reacts).
 */
/**
 * Strengths in a seeded order of 1, 2 and 3, repeated: a VOD with two highlights has two strengths,
 * one with three or more has all three, in an order the seed decides.
 */
function strengthCycle(seed: number, platform: Platform, videoId: string): (i: number) => MomentStrength {
  const rng = createRng(seed, 'strength', platform, videoId)
  const order: MomentStrength[] = [...MOMENT_STRENGTHS]
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i + 1)
    ;[order[i], order[j]] = [order[j] as MomentStrength, order[i] as MomentStrength]
  }
  return (i) => order[i % order.length] as MomentStrength
}

function placeHighlights(
  profile: VodProfile,
  rng: Rng,
  // A stream of its own, so the moments' places are the ones they were before strengths existed.
  strengthOf: (i: number) => MomentStrength,
): { loudMoments: Moment[]; chatBursts: ChatBurst[] } {
  const usable = profile.durationSec - 2 * BURST_SEC
  if (usable < 2 * BURST_SEC) return { loudMoments: [], chatBursts: [] }
  const count = Math.min(MAX_HIGHLIGHTS, Math.max(1, Math.round(profile.durationSec / 1500)))
  const slot = usable / count
  const loudMoments: Moment[] = []
  const chatBursts: ChatBurst[] = []
  for (let i = 0; i < count; i++) {
    const atSec = Math.round(BURST_SEC / 2 + slot * (i + 0.2 + 0.6 * rng.next()))
    const strength = strengthOf(i)
    loudMoments.push({ atSec, durationSec: LOUD_MOMENT_SEC, strength })
    if (profile.chatPerMin > 0) {
      chatBursts.push({
        atSec: atSec + rng.int(2, 7),
        durationSec: BURST_SEC,
        strength,
        // A fair moment gets the burst every moment had before strengths; a great one three times it.
        messageCount: strength * Math.max(40, Math.round(profile.chatPerMin * 2)),
      })
    }
  }
  return { loudMoments, chatBursts }
}

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

export function base64Url(rng: Rng, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += URL_SAFE.charAt(rng.int(0, 64))
  return out
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
