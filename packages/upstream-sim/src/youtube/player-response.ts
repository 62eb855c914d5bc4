import type { Vod } from '../model/vod.js'
import type { VideoStatus } from '../model/well-known.js'
import { cipherSignature, playbackSecrets } from './player-js.js'

/** How today's YouTube refuses a player request (see the `youtube-*` fault kinds). */
export type PlayerRefusal = 'sign-in' | 'po-token'

/**
 * The innertube player response, as in `ytInitialPlayerResponse` and `/youtubei/v1/player`. The only
 * format is audio-only AAC behind a `signatureCipher` whose URL carries an `n` parameter: a client
 * must run the player script's n/sig function (see player-js.ts) before `/videoplayback` serves it.
 * Refusals follow what yt-dlp and YouTube.js report (2026-12): a bot check is `LOGIN_REQUIRED` with
 * "Sign in to confirm you're not a bot"; a client that needs a PO token gets SABR-only streaming data
 * (`serverAbrStreamingUrl`, formats without `url` or `signatureCipher`).
 */
export function playerResponse(
  vod: Vod,
  status: VideoStatus,
  origin: string,
  refusal?: PlayerRefusal,
): Record<string, unknown> {
  const responseContext = {
    serviceTrackingParams: [
      { service: 'GFEEDBACK', params: [{ key: 'visitor_data', value: 'CgtzaW11bGF0b3I%3D' }] },
    ],
  }
  if (status === 'deleted') {
    return {
      responseContext,
      playabilityStatus: { status: 'ERROR', reason: 'Video unavailable', errorScreen: {} },
    }
  }
  if (status === 'private') {
    return {
      responseContext,
      playabilityStatus: {
        status: 'LOGIN_REQUIRED',
        reason: 'Private video',
        messages: ['This is a private video. Please sign in to verify that you may see it.'],
      },
    }
  }
  if (refusal === 'sign-in') {
    return {
      responseContext,
      playabilityStatus: {
        status: 'LOGIN_REQUIRED',
        reason: 'Sign in to confirm you’re not a bot',
        errorScreen: {
          playerErrorMessageRenderer: {
            subreason: { runs: [{ text: 'This helps protect our community. Learn more' }] },
            reason: { runs: [{ text: 'Sign in to confirm you’re not a bot' }] },
          },
        },
      },
    }
  }
  const seconds = String(vod.profile.durationSec)
  const isStream = vod.profile.chatPerMin > 0
  const thumbnails = [
    { url: `https://i.ytimg.com/vi/${vod.videoId}/hqdefault.jpg`, width: 480, height: 360 },
    { url: `https://i.ytimg.com/vi/${vod.videoId}/maxresdefault.jpg`, width: 1280, height: 720 },
  ]
  const endMs = Date.parse(vod.publishedAt) + vod.profile.durationSec * 1000
  return {
    responseContext,
    playabilityStatus: { status: 'OK', playableInEmbed: true },
    streamingData: {
      expiresInSeconds: '21540',
      ...(refusal === 'po-token' ? { serverAbrStreamingUrl: `${origin}/videoplayback?sabr=1` } : {}),
      formats: [],
      adaptiveFormats: [
        {
          itag: 140,
          ...(refusal === 'po-token' ? {} : { signatureCipher: cipher(vod, origin, seconds) }),
          mimeType: 'audio/mp4; codecs="mp4a.40.2"',
          bitrate: 33_000,
          averageBitrate: 32_000,
          audioQuality: 'AUDIO_QUALITY_LOW',
          approxDurationMs: String(vod.profile.durationSec * 1000),
          audioSampleRate: '16000',
          audioChannels: 1,
          lastModified: String(endMs * 1000),
        },
      ],
    },
    videoDetails: {
      videoId: vod.videoId,
      title: vod.title,
      lengthSeconds: seconds,
      channelId: vod.channel.id,
      isOwnerViewing: false,
      shortDescription: `Simulated ${isStream ? 'stream' : 'upload'} by ${vod.channel.name}`,
      isCrawlable: true,
      thumbnail: { thumbnails },
      allowRatings: true,
      viewCount: String(vod.viewCount),
      author: vod.channel.name,
      isPrivate: false,
      isUnpluggedCorpus: false,
      isLiveContent: isStream,
    },
    microformat: {
      playerMicroformatRenderer: {
        thumbnail: { thumbnails },
        title: { simpleText: vod.title },
        description: { simpleText: '' },
        lengthSeconds: seconds,
        ownerProfileUrl: `http://www.youtube.com/@${vod.channel.login}`,
        externalChannelId: vod.channel.id,
        isFamilySafe: true,
        availableCountries: ['KR', 'US'],
        isUnlisted: false,
        hasYpcMetadata: false,
        viewCount: String(vod.viewCount),
        category: 'Gaming',
        publishDate: vod.publishedAt,
        uploadDate: vod.publishedAt,
        ownerChannelName: vod.channel.name,
        ...(isStream
          ? {
              liveBroadcastDetails: {
                isLiveNow: false,
                startTimestamp: vod.publishedAt,
                endTimestamp: new Date(endMs).toISOString(),
              },
            }
          : {}),
      },
    },
  }
}

/** `s`, `sp` and `url` as YouTube sends them: the URL's signature must be deciphered, its `n` transformed. */
function cipher(vod: Vod, origin: string, seconds: string): string {
  const { n, sig } = playbackSecrets(vod.videoId)
  const expire = Math.floor(Date.now() / 1000) + 21540
  const url = `${origin}/videoplayback?expire=${expire}&id=${vod.videoId}&itag=140&source=youtube&mime=audio%2Fmp4&dur=${seconds}.000&c=WEB_EMBEDDED_PLAYER&n=${n}`
  return new URLSearchParams({ s: cipherSignature(sig), sp: 'sig', url }).toString()
}
