import ytdl from '@distube/ytdl-core'
import { Agent, type Dispatcher } from 'undici'
import type { Upstream } from '../config.js'
import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'

const REAL_ORIGINS: Partial<Record<string, Upstream>> = {
  'https://www.youtube.com': 'youtube',
  'https://youtubei.googleapis.com': 'youtubeApi',
}

/**
 * ytdl-core, pointed at the configured YouTube bases. Three hooks, because ytdl-core 4.16 honours
 * none of them everywhere:
 * - `rewriteRequest` maps the real hosts to the configured base URLs;
 * - `fetch` sends those requests through our HttpClient (per-host limits, retries, Retry-After,
 *   typed errors);
 * - the player-API calls (`/youtubei/v1/player` for the IOS, ANDROID, TV and embedded clients) are
 *   built without either hook and go straight to `agent.dispatcher`, so that dispatcher rewrites
 *   their origin too; its connection cap is their only per-host limit.
 * ytdl-core requests no other host (its update check is switched off), so it only ever reaches the
 * configured bases.
 */
export class Ytdl {
  readonly #http: HttpClient
  readonly #dispatcher: Dispatcher
  readonly #jar = ytdl.createAgent().jar

  constructor(http: HttpClient) {
    // ytdl-core otherwise checks GitHub for a newer version on every call, and dumps pages it cannot
    // parse into the working directory; it reads both switches from the environment only.
    process.env.YTDL_NO_UPDATE = '1'
    process.env.YTDL_NO_DEBUG_FILE = '1'
    this.#http = http
    const { baseUrls, limits, timeoutMs } = http.config
    this.#dispatcher = new Agent({
      connections: limits.youtubeApi.concurrency,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    }).compose((dispatch) => (options, handler) => {
      const upstream = REAL_ORIGINS[String(options.origin)]
      if (upstream === undefined) return dispatch(options, handler)
      const base = new URL(baseUrls[upstream])
      return dispatch(
        { ...options, origin: base.origin, path: `${base.pathname.replace(/\/$/, '')}${options.path}` },
        handler,
      )
    })
  }

  /** Watch page only: metadata, no formats. */
  basicInfo(videoId: string): Promise<ytdl.videoInfo> {
    return this.#call(videoId, (options) => ytdl.getBasicInfo(videoId, options))
  }

  /** Watch page, player script and player API: metadata and playable formats. */
  info(videoId: string): Promise<ytdl.videoInfo> {
    return this.#call(videoId, (options) => ytdl.getInfo(videoId, options))
  }

  async close(): Promise<void> {
    await this.#dispatcher.close()
  }

  async #call(
    videoId: string,
    run: (options: ytdl.getInfoOptions) => Promise<ytdl.videoInfo>,
  ): Promise<ytdl.videoInfo> {
    // ytdl-core swallows failed player-API calls; the last upstream failure explains the final error.
    let lastFailure: PlatformError | undefined
    const options: ytdl.getInfoOptions = {
      agent: { dispatcher: this.#dispatcher, jar: this.#jar } as unknown as ytdl.Agent,
      rewriteRequest: (url, requestOptions) => ({ url: this.#rewrite(url), requestOptions }),
      fetch: async (url, requestOptions) => {
        try {
          return await this.#fetch(url, requestOptions)
        } catch (err) {
          if (err instanceof PlatformError) {
            lastFailure = err
            // ytdl-core retries anything without a statusCode below 500; ours were retried already.
            Object.defineProperty(err, 'statusCode', { value: 0 })
          }
          throw err
        }
      },
    }
    try {
      return await run(options)
    } catch (err) {
      throw classify(err, videoId, lastFailure)
    }
  }

  #rewrite(url: string): string {
    const parsed = new URL(url)
    const upstream = REAL_ORIGINS[parsed.origin]
    return upstream === undefined
      ? url
      : `${this.#http.config.baseUrls[upstream]}${parsed.pathname}${parsed.search}`
  }

  async #fetch(
    url: string,
    init: Parameters<NonNullable<ytdl.getInfoOptions['fetch']>>[1],
  ): Promise<Response> {
    const { baseUrls } = this.#http.config
    const upstream = (['youtube', 'youtubeApi'] as const).find((u) => url.startsWith(`${baseUrls[u]}/`))
    if (upstream === undefined)
      throw new PlatformError('invalidRequest', `ytdl-core asked for ${url}.`, { platform: 'youtube' })
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k.toLowerCase(),
        String(v),
      ]),
    )
    const response = await this.#http.request(
      {
        upstream,
        path: url.slice(baseUrls[upstream].length),
        method: init?.method === 'POST' ? 'POST' : 'GET',
        headers,
        body: typeof init?.body === 'string' ? init.body : undefined,
        platform: 'youtube',
      },
      (r) => r,
    )
    return new Response(response.text, { status: response.status, headers: response.headers })
  }
}

/**
 * ytdl-core reports playability only as text (YouTube's own reason); that text is all there is to
 * tell deleted from private from unplayable.
 */
function classify(err: unknown, videoId: string, lastFailure: PlatformError | undefined): PlatformError {
  if (err instanceof PlatformError) return err
  const message = err instanceof Error ? err.message : String(err)
  const details = { platform: 'youtube' as const, cause: err }
  const detail = `YouTube video ${videoId}: ${message}`
  if (err instanceof Error && err.constructor.name === 'UnrecoverableError') {
    if (/private/i.test(message)) return new PlatformError('private', detail, details)
    if (/unavailable|does not exist|removed|deleted|terminated/i.test(message))
      return new PlatformError('notFound', detail, details)
    return new PlatformError('unavailable', detail, details)
  }
  if (lastFailure !== undefined) return lastFailure
  // The watch page was fine, so every player-API call failed: most likely an outage, worth a retry.
  if (/playable formats/i.test(message)) return new PlatformError('transient', detail, details)
  return new PlatformError('badResponse', detail, details)
}
