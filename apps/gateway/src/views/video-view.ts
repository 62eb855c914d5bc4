import {
  type AudioSummary,
  type ChatSummary,
  type Highlight,
  type Platform,
  type VideoKey,
  type VideoPart,
  type VideoView,
  videoUrl,
} from '@vodscope/contracts'
import type { Static } from 'typebox'

/**
 * What the gateway expects in `videos` (written by the extractor, `_id` videoKey) and `highlights`
 * (written by the audio-analyzer's fusion step, `_id` videoKey). contracts/documents.ts does not define
 * these two shapes yet; until it does, this is the reading side's assumption and is tolerant of
 * fields that are missing.
 */
export interface StoredVideo {
  _id: VideoKey
  platform: Platform
  videoId: string
  title: string
  durationSec: number
  channel: { id: string; name: string }
  publishedAt?: Date | string | null
  viewCount?: number | null
  thumbnailUrl?: string | null
  parts?: VideoPart[]
  /** Written by the chat stage when it finishes. */
  chat?: Static<typeof ChatSummary> | null
  /** Written by the audio stage when it finishes. */
  audio?: Static<typeof AudioSummary> | null
}

export type StoredHighlight = Omit<Highlight, 'url'>

export interface StoredHighlights {
  _id: VideoKey
  highlights: StoredHighlight[]
}

/** Ranked best first, each with a deep link that opens the VOD at the start of the moment. */
export function toHighlights(
  video: Pick<StoredVideo, 'platform' | 'videoId'>,
  stored: StoredHighlight[],
): Highlight[] {
  return [...stored]
    .sort((a, b) => a.rank - b.rank)
    .map((h) => ({ ...h, url: videoUrl(video.platform, video.videoId, h.startSec) }))
}

export function toVideoView(video: StoredVideo, highlights: StoredHighlight[]): VideoView {
  return {
    videoKey: video._id,
    platform: video.platform,
    videoId: video.videoId,
    url: videoUrl(video.platform, video.videoId),
    title: video.title,
    durationSec: video.durationSec,
    channel: video.channel,
    publishedAt: isoOrNull(video.publishedAt),
    viewCount: video.viewCount ?? null,
    thumbnailUrl: video.thumbnailUrl ?? null,
    parts: video.parts ?? [],
    chat: video.chat ?? null,
    audio: video.audio ?? null,
    highlights: toHighlights(video, highlights),
  }
}

function isoOrNull(value: Date | string | null | undefined): string | null {
  if (value instanceof Date) return value.toISOString()
  return typeof value === 'string' ? value : null
}
