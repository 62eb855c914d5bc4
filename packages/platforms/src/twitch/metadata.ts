import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import type { VideoMetadata } from '../types.js'
import { gql, throwInBand } from './gql.js'

const VIDEO_QUERY = `query VideoMetadata($id: ID!) {
  video(id: $id) {
    id title lengthSeconds createdAt viewCount
    previewThumbnailURL(width: 640, height: 360)
    owner { id login displayName }
  }
}`

interface VideoField {
  title?: string
  lengthSeconds?: number
  createdAt?: string
  viewCount?: number
  previewThumbnailURL?: string
  owner?: { id?: string; login?: string; displayName?: string } | null
}

/**
 * `video(id)` from GQL with the web Client-ID, an inline query like TwitchDownloader's GetVideoInfo
 * (TwitchHelper.cs, read 2026-12: same fields, same client id). `video: null` without errors means deleted — or private: Twitch hides private
 * VODs from outsiders, so the two cannot be told apart here.
 */
export async function twitchMetadata(http: HttpClient, videoId: string): Promise<VideoMetadata> {
  const video = await gql<{ video?: VideoField | null }, VideoField | null>(
    http,
    { operationName: 'VideoMetadata', query: VIDEO_QUERY, variables: { id: videoId } },
    (body) => {
      throwInBand(body, 'video metadata')
      return body.data?.video ?? null
    },
  )
  if (video === null)
    throw new PlatformError('PLATFORM_VIDEO_NOT_FOUND', `Twitch video ${videoId}.`, { platform: 'twitch' })
  const { title, lengthSeconds, owner } = video
  if (typeof title !== 'string' || typeof lengthSeconds !== 'number' || typeof owner?.id !== 'string') {
    throw new PlatformError(
      'PLATFORM_BAD_RESPONSE',
      `Twitch video ${videoId} lacks title, length or owner.`,
      {
        platform: 'twitch',
      },
    )
  }
  // A VOD still recording (or just ended) reads `lengthSeconds: 0`: not known yet, not empty. A zero
  // length would plan no chat and no audio and finish the job with nothing, so refuse it as a
  // temporary answer; the worker retries later, and the job says why meanwhile. (TwitchDownloader
  // ChatDownloader.cs meets the same 0 and crawls to the last comment instead, read 2026-12.)
  if (!(lengthSeconds > 0))
    throw new PlatformError(
      'PLATFORM_TRANSIENT',
      `Twitch does not know the length of video ${videoId} yet (lengthSeconds: ${lengthSeconds}; still recording or just ended).`,
      { platform: 'twitch' },
    )
  return {
    title,
    durationSec: lengthSeconds,
    channel: { id: owner.id, name: owner.displayName ?? owner.login ?? owner.id },
    publishedAt: video.createdAt,
    viewCount: video.viewCount,
    thumbnailUrl: video.previewThumbnailURL,
    parts: [{ index: 0, partId: videoId, startSec: 0, durationSec: lengthSeconds }],
  }
}
