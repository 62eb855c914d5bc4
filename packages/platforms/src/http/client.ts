import type { Platform } from '@vodscope/contracts'
import { Agent, request, errors as undiciErrors } from 'undici'
import { type PlatformsConfig, UPSTREAMS, type Upstream } from '../config.js'
import { PlatformError } from '../errors.js'
import { HostGate, sleep } from './host-gate.js'
import { backoffMs, parseRetryAfter } from './retry.js'

export interface HttpRequest {
  upstream: Upstream
  /** Path and query under the upstream's base URL, e.g. `/gql` or `/vod/123.m3u8?sig=…`. */
  path: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Whose video this is about, for errors. */
  platform: Platform
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  text: string
}

/**
 * All upstream HTTP: one keep-alive undici Agent, a HostGate per upstream, a timeout per attempt, and
 * retries with backoff that honour `Retry-After`. `parse` runs inside the retry loop, so a response
 * that is 200 but reports a transient error in its body (Twitch GQL) is retried like a 503.
 */
export class HttpClient {
  readonly config: PlatformsConfig
  readonly #agent: Agent
  readonly #gates: Record<Upstream, HostGate>

  constructor(config: PlatformsConfig) {
    this.config = config
    // Enough sockets per origin for every upstream at once: when several upstreams share one origin
    // (upstream-sim), a request must never hold its gate slot while queueing for a socket.
    const connections = UPSTREAMS.reduce((sum, u) => sum + config.limits[u].concurrency, 0)
    this.#agent = new Agent({
      connections,
      keepAliveTimeout: 30_000, // half a minute
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
    })
    this.#gates = Object.fromEntries(UPSTREAMS.map((u) => [u, new HostGate(config.limits[u])])) as Record<
      Upstream,
      HostGate
    >
  }

  url(upstream: Upstream, path: string): string {
    return `${this.config.baseUrls[upstream]}${path}`
  }

  async request<T>(req: HttpRequest, parse: (response: HttpResponse) => T): Promise<T> {
    const { retry } = this.config
    for (let attempt = 0; ; attempt++) {
      try {
        return parse(await this.#gates[req.upstream].run(() => this.#once(req)))
      } catch (err) {
        const error = toPlatformError(err, req.platform)
        const wait =
          error.code === 'PLATFORM_RATE_LIMITED'
            ? (error.retryAfterMs ?? backoffMs(attempt, retry))
            : backoffMs(attempt, retry)
        if (error.code === 'PLATFORM_RATE_LIMITED' && error.retryAfterMs !== undefined)
          this.#gates[req.upstream].pauseFor(error.retryAfterMs)
        const giveUp =
          !error.retryable ||
          attempt >= retry.retries ||
          (error.code === 'PLATFORM_RATE_LIMITED' && wait > retry.maxRetryAfterMs)
        if (giveUp) throw error
        await sleep(wait)
      }
    }
  }

  async close(): Promise<void> {
    await this.#agent.close()
  }

  async #once(req: HttpRequest): Promise<HttpResponse> {
    const response = await request(this.url(req.upstream, req.path), {
      method: req.method ?? 'GET',
      headers: { 'user-agent': this.config.userAgent, ...req.headers },
      body: req.body,
      dispatcher: this.#agent,
      signal: AbortSignal.timeout(this.config.timeoutMs),
    })
    const text = await response.body.text()
    const headers = flattenHeaders(response.headers)
    const { statusCode: status } = response
    if (status < 400) return { status, headers, text }
    const details = { platform: req.platform, status }
    if (status === 429) {
      throw new PlatformError('PLATFORM_RATE_LIMITED', `${req.upstream} answered 429.`, {
        ...details,
        retryAfterMs: parseRetryAfter(headers['retry-after']),
      })
    }
    if (status >= 500)
      throw new PlatformError('PLATFORM_SERVER_ERROR', `${req.upstream} answered ${status}.`, details)
    throw new PlatformError('PLATFORM_UNEXPECTED_STATUS', `${req.upstream} answered ${status}.`, details)
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'])

function toPlatformError(err: unknown, platform: Platform): PlatformError {
  if (err instanceof PlatformError) return err
  const code = (err as { code?: unknown }).code
  const name = (err as { name?: unknown }).name
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (typeof code === 'string' && TIMEOUT_CODES.has(code))
  ) {
    return new PlatformError('PLATFORM_TIMEOUT', undefined, { platform, cause: err })
  }
  if (err instanceof undiciErrors.UndiciError || typeof code === 'string') {
    return new PlatformError('PLATFORM_NETWORK', `${String(code ?? name)}.`, { platform, cause: err })
  }
  throw err
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
