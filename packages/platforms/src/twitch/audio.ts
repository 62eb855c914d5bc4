import { PlatformError } from '../errors.js'
import { type HlsVariant, parseMasterPlaylist } from '../hls.js'
import type { HttpClient } from '../http/client.js'
import type { AudioSource } from '../types.js'
import { gql, throwInBand } from './gql.js'

/**
 * The full query text, as TwitchDownloader sends it (TwitchHelper.cs `PlaybackAccessToken_Template`,
 * read 2026-12; yt-dlp also sends query text). Not a persisted hash: Twitch retired the hash
 * `0828119d…` around Nov 2025 (it answers `PersistedQueryNotFound`), and the next hash will be retired
 * too; query text keeps working as long as the schema field does.
 */
const TOKEN_QUERY = `query PlaybackAccessToken_Template($login: String!, $isLive: Boolean!, $vodID: ID!, $isVod: Boolean!, $playerType: String!) {
  streamPlaybackAccessToken(channelName: $login, params: {platform: "web", playerBackend: "mediaplayer", playerType: $playerType}) @include(if: $isLive) { value signature __typename }
  videoPlaybackAccessToken(id: $vodID, params: {platform: "web", playerBackend: "mediaplayer", playerType: $playerType}) @include(if: $isVod) { value signature __typename }
}`

interface Token {
  value?: string
  signature?: string
}

/**
 * Playback access token → usher v2 master playlist → the audio-only rendition's media playlist.
 * Usher query as TwitchDownloader builds it (TwitchHelper.cs, read 2026-12).
 */
export async function twitchAudio(http: HttpClient, videoId: string): Promise<AudioSource> {
  const token = await gql<{ videoPlaybackAccessToken?: Token | null }, Token | null>(
    http,
    {
      operationName: 'PlaybackAccessToken_Template',
      query: TOKEN_QUERY,
      variables: { isLive: false, login: '', isVod: true, vodID: videoId, playerType: 'embed' },
    },
    (body) => {
      throwInBand(body, 'playback token')
      return body.data?.videoPlaybackAccessToken ?? null
    },
  )
  if (typeof token?.value !== 'string' || typeof token.signature !== 'string') {
    throw new PlatformError('PLATFORM_VIDEO_NOT_FOUND', `Twitch video ${videoId} has no playback token.`, {
      platform: 'twitch',
    })
  }
  const query = new URLSearchParams({
    sig: token.signature,
    token: token.value,
    allow_source: 'true',
    allow_audio_only: 'true',
    include_unavailable: 'true',
    platform: 'web',
    player_backend: 'mediaplayer',
    playlist_include_framerate: 'true',
    supported_codecs: 'av1,h265,h264',
  })
  const path = `/vod/v2/${videoId}.m3u8?${query}`
  const master = await http
    .request({ upstream: 'twitchUsher', path, platform: 'twitch' }, (response) => {
      if (response.status >= 300)
        throw new PlatformError('PLATFORM_REDIRECTED', `usher answered ${response.status}.`, {
          platform: 'twitch',
          status: response.status,
        })
      return response.text
    })
    .catch((err: unknown) => {
      if (err instanceof PlatformError && err.status === 404)
        throw new PlatformError('PLATFORM_VIDEO_NOT_FOUND', `Twitch video ${videoId}.`, {
          platform: 'twitch',
          status: 404,
        })
      // Usher's 403 body says `vod_manifest_restricted` or `unauthorized_entitlements` for a
      // subscriber-only VOD (TwitchDownloader, yt-dlp); the token was just issued, so a 403 is not ours.
      if (err instanceof PlatformError && err.status === 403)
        throw new PlatformError(
          'PLATFORM_VIDEO_PRIVATE',
          `Twitch video ${videoId} is for subscribers only (usher refused the playlist with 403).`,
          { platform: 'twitch', status: 403 },
        )
      throw err
    })
  const audio = parseMasterPlaylist(master, http.url('twitchUsher', path)).find(isAudioOnly)
  if (audio === undefined)
    throw new PlatformError(
      'PLATFORM_VIDEO_UNAVAILABLE',
      `Twitch video ${videoId} has no audio-only rendition.`,
      {
        platform: 'twitch',
      },
    )
  return { index: 0, kind: 'hls', url: audio.url }
}

/**
 * Usher v1 names the audio rendition in `VIDEO="audio_only"`; usher v2 has no `#EXT-X-MEDIA` groups and
 * marks it `STABLE-VARIANT-ID="audio_only"` (and `IVS-NAME`), as in streamlink's
 * tests/resources/hls/test_multivariant_twitch_usher_v2.m3u8 (read 2026-12).
 */
export function isAudioOnly(variant: HlsVariant): boolean {
  const { VIDEO, 'STABLE-VARIANT-ID': stable, 'IVS-NAME': ivsName } = variant.attributes
  return VIDEO === 'audio_only' || stable === 'audio_only' || ivsName === 'audio_only'
}
