import { HighlightError } from '../errors.js'
import { ABSOLUTE_GATE_LUFS } from './stitch.js'

export interface LoudnessSummary {
  analysedSec: number
  /** Seconds above the absolute gate. */
  audibleSec: number
  /** Energy mean of the audible seconds (BS.1770's absolute-gated integration), LUFS. */
  meanDb: number
  /** The loudest second, LUFS. */
  peakDb: number
}

export const SUMMARY_DEFAULTS = {
  minAudibleFraction: 0.01, // below 1 % audible seconds the VOD is silent: nothing to rank
} as const

/**
 * Summarises a stitched series and rejects silent audio: a muted VOD, or one whose audio track
 * decodes to digital silence, must end the audio stage with a reason rather than rank noise.
 */
export function summarise(series: readonly number[], options = SUMMARY_DEFAULTS): LoudnessSummary {
  const audible = series.filter((v) => v > ABSOLUTE_GATE_LUFS)
  if (audible.length === 0 || audible.length < series.length * options.minAudibleFraction) {
    throw new HighlightError(
      'AUDIO_SILENT',
      `audio is silent: ${audible.length} of ${series.length} seconds above ${ABSOLUTE_GATE_LUFS} LUFS`,
    )
  }
  const meanEnergy = audible.reduce((acc, v) => acc + 10 ** (v / 10), 0) / audible.length
  return {
    analysedSec: series.length,
    audibleSec: audible.length,
    meanDb: round(10 * Math.log10(meanEnergy)),
    peakDb: round(audible.reduce((a, b) => Math.max(a, b))),
  }
}

const round = (x: number): number => Math.round(x * 100) / 100
