import {
  type Highlight,
  type HighlightsDocument,
  type VideoDocument,
  type VideoView,
  videoUrl,
} from '@vodscope/contracts'

/**
 * A `videos` document as the gateway may find it: contracts' VideoDocument, of which only the fields
 * every extraction has written are certain (documents from older versions lack the rest).
 */
export type StoredVideo = Pick<
  VideoDocument,
  '_id' | 'platform' | 'videoId' | 'title' | 'durationSec' | 'channel'
> &
  Partial<VideoDocument>

export type StoredHighlight = Omit<Highlight, 'url'>

/** The part of a `highlights` document the gateway serves; each `url` is rebuilt from the video. */
export interface StoredHighlights extends Pick<HighlightsDocument, '_id'> {
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
