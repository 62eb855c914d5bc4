import type { YT } from 'youtubei.js'
import { PlatformError } from '../errors.js'
import type { HeatmapMarker, VideoMetadata } from '../types.js'
import type { YoutubeInnertube } from './innertube.js'
import { asArray, dig } from './page-json.js'

/**
 * youtubei.js `getInfo` (`/youtubei/v1/player` + `/youtubei/v1/next`, YouTube.js src/Innertube.ts,
 * read 2026-12): details and microformat from the player response, the "most replayed" heatmap
 * from `/next` (`info.heat_map`, parsed from `macroMarkersListEntity` of type heatmap).
 */
export async function youtubeMetadata(innertube: YoutubeInnertube, videoId: string): Promise<VideoMetadata> {
  const info = await innertube.info(videoId)
  const details = info.basic_info
  const durationSec = Number(details.duration)
  if (!details.title || !Number.isFinite(durationSec)) {
    throw new PlatformError('PLATFORM_BAD_RESPONSE', `YouTube video ${videoId} lacks title or length.`, {
      platform: 'youtube',
    })
  }
  const viewCount = Number(details.view_count)
  const heatmap = readHeatmap(info)
  const publishedAt = details.start_timestamp ? isoSeconds(details.start_timestamp) : publishDate(info)
  return {
    title: details.title,
    durationSec,
    channel: { id: details.channel_id ?? '', name: details.channel?.name ?? details.author ?? '' },
    // A stream's "published" time is when it went live; an upload's is its publish date.
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    viewCount: Number.isFinite(viewCount) ? viewCount : undefined,
    thumbnailUrl: details.thumbnail?.reduce((a, b) => (b.width > a.width ? b : a)).url,
    parts: [{ index: 0, partId: videoId, startSec: 0, durationSec }],
    ...(heatmap.length > 0 ? { heatmap } : {}),
  }
}

function publishDate(info: YT.VideoInfo): string | undefined {
  const raw = dig(info.page[0], 'microformat', 'publish_date')
  if (typeof raw !== 'string' || raw === '') return undefined
  const date = new Date(raw)
  return Number.isNaN(date.getTime()) ? undefined : isoSeconds(date)
}

/** YouTube's timestamps are whole seconds; keep them in the form it sends (`…:17Z`). */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z')
}

/** youtubei.js's parsed heatmap: `heat_markers[]` with start, duration (ms) and normalised intensity. */
function readHeatmap(info: YT.VideoInfo): HeatmapMarker[] {
  return asArray(dig(info.heat_map, 'heat_markers')).flatMap((marker) => {
    const startMs = Number(dig(marker, 'time_range_start_millis'))
    const durationMs = Number(dig(marker, 'marker_duration_millis'))
    const intensity = Number(dig(marker, 'heat_marker_intensity_score_normalized'))
    if (![startMs, durationMs, intensity].every(Number.isFinite)) return []
    return [{ startSec: startMs / 1000, durationSec: durationMs / 1000, intensity }]
  })
}
