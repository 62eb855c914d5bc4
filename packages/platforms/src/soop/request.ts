import { PlatformError } from '../errors.js'
import type { HttpResponse } from '../http/client.js'

/**
 * What SOOP's own player sends, and what yt-dlp sends (extractor/afreecatv.py, read 2026-12): the
 * player page as `Referer`. The browser User-Agent is the client's default for every upstream.
 */
export function soopHeaders(videoId: string): Record<string, string> {
  return { referer: `https://vod.sooplive.com/player/${videoId}` }
}

/**
 * A 3xx from SOOP is never an answer. undici's `request` does not follow redirects (no redirect
 * interceptor is installed, on purpose: following one would send the request to wherever the
 * `Location` points), so the redirect arrives here as a response whose body is an HTML stub — read as
 * JSON it is a "bad response", read as chat XML it is zero rows, a silently empty crawl. Since 2026
 * the `.co.kr` hosts answer 301 to `sooplive.com`: say so, with where it points.
 */
export function refuseRedirect(response: HttpResponse, what: string): void {
  if (response.status < 300 || response.status >= 400) return
  const location = response.headers.location ?? '(no Location)'
  throw new PlatformError(
    'PLATFORM_REDIRECTED',
    `SOOP ${what} answered ${response.status} → ${location}; point the SOOP base URL at the new host.`,
    { platform: 'soop', status: response.status },
  )
}
