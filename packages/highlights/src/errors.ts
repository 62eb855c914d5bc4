import { createError } from '@vodscope/contracts'

/**
 * Errors of highlight fusion. The codes keep the `AUDIO_` names they had when fusion lived in the
 * audio analyzer: job documents and dead-letter headers carry them. Both are about the stored audio
 * series and neither passes on retry.
 */
export const HIGHLIGHT_ERRORS = {
  AUDIO_SILENT: { retryable: false, doc: 'The whole VOD is below the silence gate; nothing to rank.' },
  AUDIO_SERIES_INCONSISTENT: {
    retryable: false,
    doc: 'Stitching found missing or overlapping audio; the stored series does not match the VOD.',
  },
} as const satisfies Record<string, { retryable: boolean; doc: string }>

export type HighlightErrorCode = keyof typeof HIGHLIGHT_ERRORS

/** `new HighlightError(code, message)`: `retryable` comes from the code's entry above. */
export const HighlightError = createError('HighlightError', HIGHLIGHT_ERRORS)
export type HighlightError = InstanceType<typeof HighlightError>

export const isHighlightError = (err: unknown): err is HighlightError => err instanceof HighlightError
