import { createError } from '@vodscope/contracts'

/**
 * Errors of the audio analyzer. Codes are stable: the job document and the dead-letter headers carry
 * them, and the worker runtime branches on `retryable`, never on message text. A retryable error
 * retries one segment, not the whole VOD.
 */
export const AUDIO_ERRORS = {
  AUDIO_FFMPEG_NOT_FOUND: { retryable: false, doc: 'No usable ffmpeg binary (FFMPEG_PATH, PATH, npm).' },
  AUDIO_SOURCE_UNAVAILABLE: {
    retryable: true,
    doc: 'The media could not be fetched (network error, 5xx); the segment is retried.',
  },
  AUDIO_DECODE_FAILED: {
    retryable: false,
    doc: 'ffmpeg could not decode the media: corrupt or unsupported.',
  },
  AUDIO_TRUNCATED: { retryable: false, doc: 'The media ends before the segment does.' },
  AUDIO_FFMPEG_TIMEOUT: {
    retryable: true,
    doc: 'ffmpeg produced no audio within the stall timeout or overran its deadline and was killed.',
  },
  AUDIO_ABORTED: {
    retryable: true,
    doc: 'The worker stopped or lost the partition mid-decode; the segment is redelivered.',
  },
  // AUDIO_SILENT and AUDIO_SERIES_INCONSISTENT are raised while reading the stored series: @vodscope/highlights.
} as const satisfies Record<string, { retryable: boolean; doc: string }>

export type AudioErrorCode = keyof typeof AUDIO_ERRORS

/** `new AudioError(code, message, { cause })`: `retryable` comes from the code's entry above. */
export const AudioError = createError('AudioError', AUDIO_ERRORS)
export type AudioError = InstanceType<typeof AudioError>

export const isAudioError = (err: unknown): err is AudioError => err instanceof AudioError
