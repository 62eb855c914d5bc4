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
