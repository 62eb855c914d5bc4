import type { VideoPart } from '@vodscope/contracts'
import { getChatPlan, type SimChatMessage } from './chat.js'
import { vodClips } from './clips.js'
import type { ChatBurst, Moment, Vod } from './vod.js'
import type { VideoStatus } from './well-known.js'

/** `GET /__truth/:platform/:videoId`: what a perfect pipeline would find. Times are VOD seconds. */
export interface Truth {
  platform: Vod['platform']
  videoId: string
  videoKey: string
  status: VideoStatus
  /** Which profile rule produced this VOD (`well-known`, `encoded`, `hash`). */
  rule: Vod['profile']['rule']
  title: string
  durationSec: number
  channel: { id: string; name: string }
  publishedAt: string
  viewCount: number
  parts: VideoPart[]
  chat: {
    /** False only for YouTube uploads, which have no chat replay at all. */
    available: boolean
    messageCount: number
    ratePerMin: number
    bursts: ChatBurst[]
  }
  loudMoments: Moment[]
  /** Where a loud moment and a chat burst coincide: the moments worth watching. */
  highlights: Array<{ atSec: number }>
  /**
   * Twitch only: the highlights as viewers' clips, most-viewed first (`offsetSec` is the clip's
   * `videoOffsetSeconds`, a few seconds before the moment at `atSec`).
   */
  clips: Array<{ slug: string; offsetSec: number; durationSec: number; viewCount: number; atSec: number }>
}

export function buildTruth(vod: Vod, status: VideoStatus): Truth {
  return {
    platform: vod.platform,
    videoId: vod.videoId,
    videoKey: vod.videoKey,
    status,
    rule: vod.profile.rule,
    title: vod.title,
    durationSec: vod.profile.durationSec,
    channel: { id: vod.channel.id, name: vod.channel.name },
    publishedAt: vod.publishedAt,
    viewCount: vod.viewCount,
    parts: vod.parts,
    chat: {
      available: hasChatReplay(vod),
      messageCount: getChatPlan(vod).total,
      ratePerMin: vod.profile.chatPerMin,
      bursts: vod.chatBursts,
    },
    loudMoments: vod.loudMoments,
    highlights: vod.loudMoments.map((m) => ({ atSec: m.atSec })),
    clips:
      vod.platform === 'twitch'
        ? vodClips(vod).map((c) => ({
            slug: c.slug,
            offsetSec: c.offsetSec,
            durationSec: c.durationSec,
            viewCount: c.viewCount,
            atSec: c.momentAtSec,
          }))
        : [],
  }
}

/** Every chat message with offset in [fromSec, toSec), in replay order. */
export function truthChat(vod: Vod, fromSec = 0, toSec = vod.profile.durationSec): SimChatMessage[] {
  return getChatPlan(vod).between(fromSec * 1000, toSec * 1000)
}

export function hasChatReplay(vod: Vod): boolean {
  return vod.platform !== 'youtube' || vod.profile.chatPerMin > 0
}
