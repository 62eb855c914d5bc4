import type {
  HeatmapMarker,
  Platform,
  StoredChatMessage,
  VideoExtractedV1,
  VideoPart,
} from '@vodscope/contracts'

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

/** A crawled message is what `chat_batches` stores: one shape, defined in contracts. */
export type ChatMessage = StoredChatMessage

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

/** `criteria: { period }` of Twitch's clip listing: clips made within the last day, week, month, or ever. */
export type ClipPeriod = 'LAST_DAY' | 'LAST_WEEK' | 'LAST_MONTH' | 'ALL_TIME'

/** A viewer's clip of a VOD, where it starts in the VOD, and how often it was watched. */
export interface VodClip {
  id: string
  slug: string
  url: string
  title: string
  viewCount: number
  /** 0 when Twitch did not say. */
  durationSec: number
  /** Twitch's `videoOffsetSeconds`: where the clip starts in the VOD. */
  offsetSec: number
  createdAt: string | undefined
}

export interface VodClipsOptions {
  /** Clips wanted, most-viewed first (1–100, default 20). */
  top?: number
  /** Clips asked per listing page (1–100, default 100). */
  pageSize?: number
  /** Listing pages read at most (1–20, default 20). */
  maxPages?: number
  /** The clock the listing period is chosen by (tests). */
  now?: Date
}

export interface VodClips {
  videoId: string
  channelLogin: string
  /** The listing period read: the shortest that holds every clip made since the VOD started. */
  period: ClipPeriod
  /** Twitch's `lengthSeconds`; 0 when it does not know yet. */
  vodLengthSec: number
  /** The VOD's clips, most-viewed first, at most `top`. */
  clips: VodClip[]
  /** Clips of the channel read, this VOD's and others'. */
  scanned: number
  pages: number
  /** False when the page bound stopped the listing before it ended: a more-viewed clip may be unread. */
  complete: boolean
}
