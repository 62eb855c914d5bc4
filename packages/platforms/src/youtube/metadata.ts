import { PlatformError } from '../errors.js'
import type { HeatmapMarker, VideoMetadata } from '../types.js'
import { asArray, dig } from './page-json.js'
import type { Ytdl } from './ytdl.js'

/** ytdl-core's basic info (the watch page alone), plus the "most replayed" heatmap from ytInitialData. */
export async function youtubeMetadata(ytdl: Ytdl, videoId: string): Promise<VideoMetadata> {
  const info = await ytdl.basicInfo(videoId)
  const details = info.videoDetails as typeof info.videoDetails & {
    ownerChannelName?: string
    liveBroadcastDetails?: { startTimestamp?: string }
  }
  const durationSec = Number(details.lengthSeconds)
  if (!details.title || !Number.isFinite(durationSec)) {
    throw new PlatformError('badResponse', `YouTube video ${videoId} lacks title or length.`, {
      platform: 'youtube',
    })
  }
  const thumbnails = details.thumbnails ?? []
  const viewCount = Number(details.viewCount)
  const heatmap = readHeatmap((info as { response?: unknown }).response)
  return {
    title: details.title,
    durationSec,
    channel: {
      id: details.channelId || details.author?.id || '',
      name: details.ownerChannelName ?? details.author?.name ?? '',
    },
    // A stream's "published" time is when it went live; an upload's is its publish date.
    publishedAt: details.liveBroadcastDetails?.startTimestamp ?? (details.publishDate || undefined),
    viewCount: Number.isFinite(viewCount) ? viewCount : undefined,
    thumbnailUrl: thumbnails.at(-1)?.url,
    parts: [{ index: 0, partId: videoId, startSec: 0, durationSec }],
    ...(heatmap.length > 0 ? { heatmap } : {}),
  }
}

/** `frameworkUpdates.entityBatchUpdate.mutations[].payload.macroMarkersListEntity` of type heatmap. */
export function readHeatmap(initialData: unknown): HeatmapMarker[] {
  for (const mutation of asArray(dig(initialData, 'frameworkUpdates', 'entityBatchUpdate', 'mutations'))) {
    const list = dig(mutation, 'payload', 'macroMarkersListEntity', 'markersList')
    if (dig(list, 'markerType') !== 'MARKER_TYPE_HEATMAP') continue
    return asArray(dig(list, 'markers')).flatMap((marker) => {
      const startMs = Number(dig(marker, 'startMillis'))
      const durationMs = Number(dig(marker, 'durationMillis'))
      const intensity = Number(dig(marker, 'intensityScoreNormalized'))
      if (![startMs, durationMs, intensity].every(Number.isFinite)) return []
      return [{ startSec: startMs / 1000, durationSec: durationMs / 1000, intensity }]
    })
  }
  return []
}
