import type { Types, YT } from 'youtubei.js'
import { PlatformError, type PlatformErrorCode } from '../errors.js'

export interface ClientFailure {
  client: Types.InnerTubeClient
  error: PlatformError
}

/**
 * `playabilityStatus` → a typed error. The texts are YouTube's own, as yt-dlp matches them
 * (extractor/youtube/_video.py, read 2026-12): "Sign in to confirm you're not a bot" is the bot check
 * datacenter addresses get; "Sign in to confirm your age" an age gate; both need a signed-in session.
 */
export function checkPlayable(info: YT.VideoInfo, videoId: string): void {
  const status = info.playability_status?.status
  if (status === undefined || status === 'OK' || status === 'LIVE_STREAM_OFFLINE') return
  const reason = info.playability_status?.reason || status
  const detail = `YouTube video ${videoId}: ${status}: ${reason}`
  const details = { platform: 'youtube' as const }
  if (status === 'LOGIN_REQUIRED' && /private/i.test(reason))
    throw new PlatformError('PLATFORM_VIDEO_PRIVATE', detail, details)
  if (status === 'LOGIN_REQUIRED' || /sign in/i.test(reason))
    throw new PlatformError('PLATFORM_SIGN_IN_REQUIRED', detail, details)
  if (status === 'ERROR') throw new PlatformError('PLATFORM_VIDEO_NOT_FOUND', detail, details)
  throw new PlatformError('PLATFORM_VIDEO_UNAVAILABLE', detail, details)
}

/** A failure that no other client would change: the video itself, or the upstream being down. */
export function isFinal(error: PlatformError): boolean {
  return (
    error.retryable || error.code === 'PLATFORM_VIDEO_NOT_FOUND' || error.code === 'PLATFORM_VIDEO_PRIVATE'
  )
}

/**
 * Every client failed: the error names each one and why. When all of them demanded sign-in the job
 * says sign-in; when any was refused for a PO token (and none played) it says PO token; otherwise
 * the video is unplayable from here.
 */
export function chainError(videoId: string, failures: ClientFailure[]): PlatformError {
  const codes = new Set(failures.map((f) => f.error.code))
  const code: PlatformErrorCode =
    codes.size === 1 && codes.has('PLATFORM_SIGN_IN_REQUIRED')
      ? 'PLATFORM_SIGN_IN_REQUIRED'
      : codes.has('PLATFORM_PO_TOKEN_REQUIRED')
        ? 'PLATFORM_PO_TOKEN_REQUIRED'
        : codes.has('PLATFORM_SIGN_IN_REQUIRED')
          ? 'PLATFORM_SIGN_IN_REQUIRED'
          : codes.size === 1 && codes.has('PLATFORM_BAD_RESPONSE')
            ? 'PLATFORM_BAD_RESPONSE'
            : 'PLATFORM_VIDEO_UNAVAILABLE'
  const tried = failures.map((f) => `${f.client}: ${f.error.message}`).join(' | ')
  return new PlatformError(code, `YouTube video ${videoId}, every client failed — ${tried}`, {
    platform: 'youtube',
    cause: failures.at(-1)?.error,
  })
}
