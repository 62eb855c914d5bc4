import { type Platform, VIDEO_ID_PATTERNS, type VideoPart } from '@vodscope/contracts'
import { type PlatformsConfigInput, resolvePlatformsConfig } from './config.js'
import { PlatformError } from './errors.js'
import { HttpClient } from './http/client.js'
import { crawlSoopChat } from './soop/chat.js'
import { soopVodInfo } from './soop/vod-info.js'
import { twitchAudio } from './twitch/audio.js'
import { crawlTwitchChat } from './twitch/chat.js'
import { twitchVodClips } from './twitch/clips.js'
import { twitchMetadata } from './twitch/metadata.js'
import type {
  AudioSource,
  ChatMessage,
  ChatRange,
  VideoMetadata,
  VodClips,
  VodClipsOptions,
} from './types.js'
import { youtubeAudio } from './youtube/audio.js'
import { crawlYoutubeChat } from './youtube/chat.js'
import { YoutubeInnertube } from './youtube/innertube.js'
import { youtubeMetadata } from './youtube/metadata.js'

/** The one entry point the apps use: every platform behind the same three calls. */
export interface Platforms {
  getVideoMetadata(platform: Platform, videoId: string): Promise<VideoMetadata>
  /** Batches of messages in [startSec, endSec) of `part`, each message exactly once, in replay order. */
  crawlChat(range: ChatRange): AsyncIterable<ChatMessage[]>
  /** One source per part, in the order of `parts`. */
  resolveAudioSource(platform: Platform, videoId: string, parts: VideoPart[]): Promise<AudioSource[]>
  /** A Twitch VOD's most-viewed clips with their offsets into it (`vodscope doctor --clips`). */
  getTwitchVodClips(videoId: string, options?: VodClipsOptions): Promise<VodClips>
  /** Closes keep-alive connections. */
  close(): Promise<void>
}

export function createPlatforms(input: PlatformsConfigInput = {}): Platforms {
  const http = new HttpClient(resolvePlatformsConfig(input))
  const innertube = new YoutubeInnertube(http)

  return {
    async getVideoMetadata(platform, videoId) {
      checkId(platform, videoId)
      switch (platform) {
        case 'twitch':
          return twitchMetadata(http, videoId)
        case 'youtube':
          return youtubeMetadata(innertube, videoId)
        case 'soop': {
          const info = await soopVodInfo(http, videoId)
          return {
            title: info.title,
            durationSec: info.durationSec,
            channel: { id: info.bjId, name: info.nick },
            publishedAt: info.startedAt,
            viewCount: info.viewCount,
            thumbnailUrl: info.thumbnailUrl,
            parts: info.parts,
          }
        }
      }
    },

    crawlChat(range) {
      checkId(range.platform, range.videoId)
      if (!(range.startSec < range.endSec))
        throw new PlatformError(
          'PLATFORM_INVALID_REQUEST',
          `Empty chat range [${range.startSec}, ${range.endSec}).`,
        )
      switch (range.platform) {
        case 'twitch':
          return crawlTwitchChat(http, range.videoId, range.startSec, range.endSec)
        case 'soop':
          return crawlSoopChat(http, range.videoId, range.part, range.startSec, range.endSec)
        case 'youtube':
          return crawlYoutubeChat(http, range.videoId, range.startSec, range.endSec)
      }
    },

    async resolveAudioSource(platform, videoId, parts) {
      checkId(platform, videoId)
      switch (platform) {
        case 'twitch':
          return [await twitchAudio(http, videoId)]
        case 'youtube':
          return [await youtubeAudio(innertube, videoId)]
        case 'soop': {
          const info = await soopVodInfo(http, videoId)
          return parts.map((part) => {
            const known = info.parts.findIndex((p) => p.partId === part.partId)
            const url = info.playlists[known]
            if (url === undefined)
              throw new PlatformError(
                'PLATFORM_INVALID_REQUEST',
                `SOOP VOD ${videoId} has no part ${part.partId}.`,
                {
                  platform,
                },
              )
            return { index: part.index, kind: 'hls' as const, url }
          })
        }
      }
    },

    async getTwitchVodClips(videoId, options) {
      checkId('twitch', videoId)
      return twitchVodClips(http, videoId, options)
    },

    async close() {
      await http.close()
    },
  }
}

/** Requests are built from the id alone, so a malformed id is refused before anything is sent. */
function checkId(platform: Platform, videoId: string): void {
  if (!VIDEO_ID_PATTERNS[platform]?.test(videoId)) {
    throw new PlatformError(
      'PLATFORM_INVALID_REQUEST',
      `${JSON.stringify(videoId)} is not a ${platform} video id.`,
      {
        platform,
      },
    )
  }
}
