import type { Platform } from '@vodscope/contracts'
import { createRng } from './rng.js'
import { findWellKnown, type VideoStatus } from './well-known.js'

export interface VodProfile {
  durationSec: number
  /** Base chat rate in messages per minute, before bursts; 0 means no chat. */
  chatPerMin: number
  status: VideoStatus
  /** Which rule chose the profile. */
  rule: 'well-known' | 'encoded' | 'hash'
}

export const MAX_DURATION_SEC = 8 * 3600

/**
 * The profile of any (platform, id, seed). Rules, first match wins:
 * 1. a WELL_KNOWN_VIDEOS entry;
 * 2. an encoded id — Twitch/SOOP `77MMMMRRR` + up to 6 free digits, YouTube `sMMMMRRR` + 3 free
 *    characters: MMMM minutes of duration (1–480), RRR base chat messages per minute (000 = no chat);
 *    Twitch/SOOP `404404…` / YouTube `deleted` + 4 chars is a deleted video, `403403…` / `private` + 4 a
 *    private one;
 * 3. otherwise a hash of (seed, platform, id): durations from 5 minutes to 8 hours, chat 5–600/min,
 *    and one YouTube video in five an upload without chat replay.
 * The run-time `videoStatus` configuration can still mark any video deleted or private.
 */
export function profileFor(platform: Platform, videoId: string, seed: number): VodProfile {
  const known = findWellKnown(platform, videoId)
  if (known !== undefined) {
    return {
      durationSec: known.durationSec,
      chatPerMin: known.chatPerMin,
      status: known.status,
      rule: 'well-known',
    }
  }
  return encodedProfile(platform, videoId) ?? hashedProfile(platform, videoId, seed)
}

const NUMERIC_ENCODED = /^77(\d{4})(\d{3})\d{0,6}$/
const YOUTUBE_ENCODED = /^s(\d{4})(\d{3})[A-Za-z0-9_-]{3}$/

function encodedProfile(platform: Platform, videoId: string): VodProfile | undefined {
  const status = encodedStatus(platform, videoId)
  if (status !== undefined) return { durationSec: 1800, chatPerMin: 60, status, rule: 'encoded' }
  const match = (platform === 'youtube' ? YOUTUBE_ENCODED : NUMERIC_ENCODED).exec(videoId)
  if (match === null) return undefined
  const minutes = Math.min(Math.max(Number(match[1]), 1), MAX_DURATION_SEC / 60)
  return { durationSec: minutes * 60, chatPerMin: Number(match[2]), status: 'ok', rule: 'encoded' }
}

function encodedStatus(platform: Platform, videoId: string): VideoStatus | undefined {
  if (platform === 'youtube') {
    if (/^deleted[A-Za-z0-9_-]{4}$/.test(videoId)) return 'deleted'
    if (/^private[A-Za-z0-9_-]{4}$/.test(videoId)) return 'private'
    return undefined
  }
  if (videoId.startsWith('404404')) return 'deleted'
  if (videoId.startsWith('403403')) return 'private'
  return undefined
}

function hashedProfile(platform: Platform, videoId: string, seed: number): VodProfile {
  const rng = createRng(seed, 'profile', platform, videoId)
  const bucket = rng.next()
  // Mostly one to six hours, like real stream archives, with a tail of short clips and marathons.
  const [minSec, maxSec] =
    bucket < 0.15
      ? [300, 1800]
      : bucket < 0.6
        ? [1800, 3 * 3600]
        : bucket < 0.9
          ? [3 * 3600, 6 * 3600]
          : [6 * 3600, MAX_DURATION_SEC]
  const durationSec = rng.int(minSec, maxSec + 1)
  const chatPerMin = Math.round(5 * 120 ** rng.next())
  const isUpload = platform === 'youtube' && rng.next() < 0.2
  return { durationSec, chatPerMin: isUpload ? 0 : chatPerMin, status: 'ok', rule: 'hash' }
}
