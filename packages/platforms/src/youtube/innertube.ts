import { Innertube, Log, Platform, type Types, type YT } from 'youtubei.js'
import type { Upstream } from '../config.js'
import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { type ClientFailure, chainError, checkPlayable, isFinal } from './playability.js'
import { evaluatePlayerScript } from './player-eval.js'

// youtubei.js logs warnings to the console on its own; our errors say what went wrong.
Log.setLevel(Log.Level.NONE)
// Process-wide by youtubei.js's design: the shim is a module singleton.
Platform.shim.eval = evaluatePlayerScript

/** The hosts youtubei.js has built in (it has no base-URL option) and the upstream each stands for. */
const REAL_ORIGINS: Partial<Record<string, Upstream>> = {
  'https://www.youtube.com': 'youtube',
  'https://youtubei.googleapis.com': 'youtubeApi',
}

/**
 * The InnerTube clients tried in order for a playable format. From the 2026 state of YouTube.js and
 * yt-dlp (read 2026-12; upstreams.md "YouTube through youtubei.js"): WEB is SABR-only and MWEB needs a
 * PO token, so neither is tried; WEB_EMBEDDED and TV_EMBEDDED were token-free for embeddable videos;
 * TV needs the n/sig deciphering wired below; ANDROID_VR needs a stream token since 2026-08 but is
 * the last one worth a request. No client is guaranteed: each failure is named in the final error.
 */
export const YOUTUBE_CLIENTS = [
  'WEB_EMBEDDED',
  'TV_EMBEDDED',
  'TV',
  'ANDROID_VR',
] as const satisfies readonly Types.InnerTubeClient[]

/**
 * youtubei.js, pointed at the configured YouTube bases. Every request goes through our HttpClient
 * (per-host limits, retries, Retry-After, typed errors) via a custom `fetch` that rewrites the real
 * hosts to the configured ones — how tests reach upstream-sim. A session is made per call, locally
 * (`generate_session_locally`: no `/sw.js_data`), without the `/youtubei/v1/config` call and without
 * any cache, so no state outlives a request and nothing is written to disk.
 */
export class YoutubeInnertube {
  readonly #http: HttpClient

  constructor(http: HttpClient) {
    this.#http = http
  }

  /** `/player` and `/next` through the first client YouTube does not refuse. */
  async info(videoId: string): Promise<YT.VideoInfo> {
    const session = await this.#session(false)
    return this.#firstPlayable(videoId, (client) => session.getInfo(videoId, { client }))
  }

  /** The best audio-only format's URL, deciphered (signature and `n`) with the current player. */
  async audioUrl(videoId: string): Promise<string> {
    const session = await this.#session(true)
    let url: string | undefined
    await this.#firstPlayable(videoId, async (client) => {
      const info = await session.getBasicInfo(videoId, { client })
      checkPlayable(info, videoId)
      const format = audioFormat(info)
      url = await format.decipher(session.session.player)
      return info
    })
    if (url === undefined)
      throw new PlatformError('PLATFORM_BAD_RESPONSE', `YouTube video ${videoId}: no URL.`)
    return url
  }

  async #firstPlayable(
    videoId: string,
    attempt: (client: Types.InnerTubeClient) => Promise<YT.VideoInfo>,
  ): Promise<YT.VideoInfo> {
    const failures: ClientFailure[] = []
    for (const client of YOUTUBE_CLIENTS) {
      try {
        const info = await attempt(client)
        checkPlayable(info, videoId)
        return info
      } catch (err) {
        const error = toPlatformError(err, videoId)
        // A deleted or private video, or an outage, is the same for every client.
        if (isFinal(error)) throw error
        failures.push({ client, error })
      }
    }
    throw chainError(videoId, failures)
  }

  async #session(withPlayer: boolean): Promise<Innertube> {
    try {
      return await Innertube.create({
        fetch: this.#fetch,
        lang: 'en',
        location: 'US',
        generate_session_locally: true,
        retrieve_innertube_config: false,
        enable_session_cache: false,
        // The player (iframe_api + base.js) is only needed to decipher format URLs.
        retrieve_player: withPlayer,
      })
    } catch (err) {
      throw toPlatformError(err, 'session')
    }
  }

  /**
   * youtubei.js calls `fetch(Request, {body, headers, redirect})` for InnerTube (the method lives on
   * the Request) and `fetch(URL, init?)` for the player script (YouTube.js src/utils/HTTPClient.ts,
   * src/core/Player.ts, read 2026-12).
   */
  readonly #fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined
    const url = new URL(request?.url ?? String(input))
    const upstream = REAL_ORIGINS[url.origin]
    if (upstream === undefined)
      throw new PlatformError(
        'PLATFORM_INVALID_REQUEST',
        `youtubei.js asked for ${url.origin}, not a YouTube host.`,
        {
          platform: 'youtube',
        },
      )
    const headers: Record<string, string> = {}
    new Headers(init?.headers ?? request?.headers).forEach((value, key) => {
      // youtubei.js sets an empty User-Agent when the session has none: keep ours then.
      if (value !== '') headers[key] = value
    })
    const body = init?.body ?? (request?.body ? await request.text() : undefined)
    if (body !== undefined && body !== null && typeof body !== 'string')
      throw new PlatformError(
        'PLATFORM_INVALID_REQUEST',
        `youtubei.js sent a non-text body to ${url.pathname}.`,
        {
          platform: 'youtube',
        },
      )
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
    const response = await this.#http.request(
      {
        upstream,
        path: `${url.pathname}${url.search}`,
        method: method === 'POST' ? 'POST' : 'GET',
        headers,
        body: body ?? undefined,
        platform: 'youtube',
      },
      (r) => r,
    )
    return new Response(response.text, { status: response.status, headers: response.headers })
  }
}

/** Audio only, best bitrate, AAC in MP4 first (what ffmpeg and the analyser expect), else any audio. */
function audioFormat(info: YT.VideoInfo) {
  for (const format of ['mp4', 'any'] as const) {
    try {
      const chosen = info.chooseFormat({ type: 'audio', quality: 'best', format })
      // SABR-only formats (no URL, no cipher) need a PO token and the SABR protocol: not playable here.
      if (chosen.url || chosen.signature_cipher || chosen.cipher) return chosen
    } catch {
      // No audio format of that container; try the next.
    }
  }
  const sabr = Boolean(info.streaming_data?.server_abr_streaming_url)
  throw new PlatformError(
    'PLATFORM_PO_TOKEN_REQUIRED',
    sabr ? 'Only SABR streams were offered.' : 'No audio format with a URL was offered.',
    { platform: 'youtube' },
  )
}

/** youtubei.js reports everything as InnertubeError text; our HttpClient's errors pass through. */
function toPlatformError(err: unknown, videoId: string): PlatformError {
  if (err instanceof PlatformError) return err
  const message = err instanceof Error ? err.message : String(err)
  if (/video is unavailable/i.test(message))
    return new PlatformError('PLATFORM_VIDEO_NOT_FOUND', `YouTube video ${videoId}: ${message}`, {
      platform: 'youtube',
      cause: err,
    })
  return new PlatformError('PLATFORM_BAD_RESPONSE', `YouTube video ${videoId}: youtubei.js: ${message}`, {
    platform: 'youtube',
    cause: err,
  })
}
