import { PlatformError } from '../errors.js'
import { parseMasterPlaylist } from '../hls.js'
import type { HttpClient } from '../http/client.js'
import type { AudioSource } from '../types.js'
import { gql, throwInBand } from './gql.js'

const TOKEN_HASH = '0828119ded1c13477966434e15800ff57ddacf13ba1911c129dc2200705b0712'

interface Token {
  value?: string
  signature?: string
}

/** Playback access token → usher master playlist → the `audio_only` rendition's media playlist. */
export async function twitchAudio(http: HttpClient, videoId: string): Promise<AudioSource> {
  const token = await gql<{ videoPlaybackAccessToken?: Token | null }, Token | null>(
    http,
    {
      operationName: 'PlaybackAccessToken',
      variables: {
        isLive: false,
        login: '',
        isVod: true,
        vodID: videoId,
        playerType: 'embed',
        platform: 'web',
      },
      extensions: { persistedQuery: { version: 1, sha256Hash: TOKEN_HASH } },
    },
    (body) => {
      throwInBand(body, 'playback token')
      return body.data?.videoPlaybackAccessToken ?? null
    },
  )
  if (typeof token?.value !== 'string' || typeof token.signature !== 'string') {
    throw new PlatformError('notFound', `Twitch video ${videoId} has no playback token.`, {
      platform: 'twitch',
    })
  }
  const query = new URLSearchParams({
    allow_source: 'true',
    allow_audio_only: 'true',
    player: 'twitchweb',
    playlist_include_framerate: 'true',
    sig: token.signature,
    token: token.value,
  })
  const path = `/vod/${videoId}.m3u8?${query}`
  const master = await http
    .request({ upstream: 'twitchUsher', path, platform: 'twitch' }, (response) => response.text)
    .catch((err: unknown) => {
      if (err instanceof PlatformError && err.status === 404)
        throw new PlatformError('notFound', `Twitch video ${videoId}.`, { platform: 'twitch', status: 404 })
      if (err instanceof PlatformError && err.status === 403)
        throw new PlatformError('private', `Twitch video ${videoId} is restricted.`, {
          platform: 'twitch',
          status: 403,
        })
      throw err
    })
  const audio = parseMasterPlaylist(master, http.url('twitchUsher', path)).find(
    (v) => v.attributes.VIDEO === 'audio_only',
  )
  if (audio === undefined)
    throw new PlatformError('unavailable', `Twitch video ${videoId} has no audio-only rendition.`, {
      platform: 'twitch',
    })
  return { index: 0, kind: 'hls', url: audio.url }
}
