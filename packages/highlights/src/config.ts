import { readInt } from '@vodscope/infra'
import { DETECT_DEFAULTS, type DetectOptions } from './rank/detect-highlights.js'

/**
 * The ranking settings. Both finishers rank (the audio analyzer and the chat crawler, whichever ends
 * last) and each reads them from its own environment through this, so both rank alike when given the
 * same variables. The names keep their `VODSCOPE_AUDIO_` prefix from when only the analyzer ranked.
 */
export function loadDetectOptions(env: NodeJS.ProcessEnv = process.env): DetectOptions {
  return {
    ...DETECT_DEFAULTS,
    topK: readInt(env, 'VODSCOPE_AUDIO_TOP_K', DETECT_DEFAULTS.topK, { min: 1, max: 200 }),
    minGapSec: readInt(env, 'VODSCOPE_AUDIO_MIN_GAP_SEC', DETECT_DEFAULTS.minGapSec, { min: 1, max: 3600 }),
  }
}
