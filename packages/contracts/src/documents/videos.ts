import type { Static } from 'typebox'
import type { AudioSummary, ChatSummary, Highlight } from '../http/videos.js'
import type { VideoPart } from '../messages/video-extracted.v1.js'
import type { Platform } from '../video-key.js'

/** A moment of a YouTube "most replayed" heatmap, as the extractor stores it. */
export interface HeatmapMarker {
  startSec: number
  durationSec: number
  /** 0–1, relative to the video's most replayed moment. */
  intensity: number
}

/**
 * `videos`: one document per video, `_id` videoKey. The extractor writes the metadata fields with
 * `$set` (a re-run keeps the others); the chat stage sets `chat` and the audio stage `audio` when they
 * finish. The gateway serves it at GET /v1/videos/:videoKey. Documents written before a field existed
 * lack it, so readers treat `publishedAt`, `viewCount`, `thumbnailUrl`, `parts` and `heatmap` as optional.
 */
export interface VideoDocument {
  _id: string
  platform: Platform
  videoId: string
  url: string
  title: string
  durationSec: number
  channel: { id: string; name: string }
  /** ISO-8601; older documents may hold a Date. */
  publishedAt: string | Date | null
  viewCount: number | null
  thumbnailUrl: string | null
  parts: VideoPart[]
  heatmap: HeatmapMarker[] | null
  /** The job that extracted this version of the metadata. */
  jobId: string
  extractedAt: Date
  /** Written by the chat stage when it finishes. */
  chat?: Static<typeof ChatSummary> | null
  /** Written by the audio stage when it finishes. */
  audio?: Static<typeof AudioSummary> | null
}

/** The metadata fields one extraction writes; the chat and audio stages own the others. */
export type VideoMetadataFields = Omit<VideoDocument, '_id' | 'chat' | 'audio'>

/**
 * `highlights`, `_id` videoKey, written by fusion: the ranked windows and what produced them. The
 * gateway serves `highlights`, rebuilding each `url` from the video (a changed link format needs no
 * re-run).
 */
export interface HighlightsDocument {
  _id: string
  videoKey: string
  jobId: string
  highlights: Highlight[]
  /** Which signals the ranking used: chat joins once the chat stage has finished. */
  fused: { audio: true; chat: boolean }
  /** False while the chat stage may still add its signal (an audio-only ranking, re-ranked later). */
  final: boolean
  audio: Static<typeof AudioSummary>
  computedAt: Date
}
