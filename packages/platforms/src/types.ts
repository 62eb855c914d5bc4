import type { HeatmapMarker, Platform, VideoExtractedV1, VideoPart } from '@vodscope/contracts'

export type { HeatmapMarker }

/** What the extractor stores: the contract's fields, plus what only some platforms know. */
export type VideoMetadata = Pick<
  VideoExtractedV1,
  'title' | 'durationSec' | 'channel' | 'publishedAt' | 'parts'
> & {
  viewCount?: number
  thumbnailUrl?: string
  heatmap?: HeatmapMarker[]
}

export interface ChatMessage {
  /** Unique per platform: the platform's id, or for SOOP (whose rows have none) part, kind, time and user. */
  id: string
  /** VOD time from the start of the first part, ms. */
  offsetMs: number
  authorId: string
  authorName: string
  text: string
  kind: 'chat' | 'donation'
  /** SOOP balloons, YouTube Super Chat (in the currency's units). */
  amount?: number
  /** Twitch: the names of the message's emote fragments, in order (at most MAX_EMOTES_PER_MESSAGE). */
  emotes?: string[]
}

/** Messages with VOD offset in [startSec, endSec) of one part; half-open so adjacent chunks never overlap. */
export interface ChatRange {
  platform: Platform
  videoId: string
  part: VideoPart
  startSec: number
  endSec: number
}

/** Where a part's audio can be read: an HLS media playlist or one file (ffmpeg reads either). */
export interface AudioSource {
  /** The part's `index`. */
  index: number
  kind: 'hls' | 'file'
  url: string
}
