import {
  COLLECTIONS,
  type Platform,
  type VideoDocument,
  type VideoMetadataFields,
  videoUrl,
} from '@vodscope/contracts'
import type { VideoMetadata } from '@vodscope/platforms'
import type { Db } from 'mongodb'

export type { VideoDocument, VideoMetadataFields }

/** What an extraction stores for a video: platform fields made explicit (`null` when unknown). */
export function videoMetadataFields(
  ref: { jobId: string; platform: Platform; videoId: string },
  meta: VideoMetadata,
  now: Date,
): VideoMetadataFields {
  return {
    platform: ref.platform,
    videoId: ref.videoId,
    url: videoUrl(ref.platform, ref.videoId),
    title: meta.title,
    durationSec: meta.durationSec,
    channel: meta.channel,
    publishedAt: meta.publishedAt ?? null,
    viewCount: meta.viewCount ?? null,
    thumbnailUrl: meta.thumbnailUrl ?? null,
    parts: meta.parts,
    heatmap: meta.heatmap ?? null,
    jobId: ref.jobId,
    extractedAt: now,
  }
}

/**
 * Upserts the video's metadata. Keyed by videoKey, so a redelivered link or a forced re-run updates
 * the document instead of adding one; `extractedAt` tells which run wrote it. `$set`, not a replace:
 * the chat and audio stages keep their summaries (`chat`, `audio`) on the same document.
 */
export async function upsertVideo(
  db: Db,
  ref: { jobId: string; videoKey: string; platform: Platform; videoId: string },
  meta: VideoMetadata,
  now: Date,
): Promise<void> {
  await db
    .collection<VideoDocument>(COLLECTIONS.videos)
    .updateOne({ _id: ref.videoKey }, { $set: videoMetadataFields(ref, meta, now) }, { upsert: true })
}
