export { type AudioAnalyzerOptions, buildAudioAnalyzer, WORKER_NAMES } from './audio-analyzer.js'
export { type AudioAnalyzerConfig, loadConfig, loadDetectOptions } from './config.js'
export { AUDIO_ERRORS, AudioError, type AudioErrorCode } from './errors.js'
export { type FfmpegBinary, resolveFfmpeg } from './ffmpeg/ffmpeg-path.js'
export { DETECT_DEFAULTS, type DetectOptions, detectHighlights } from './highlights/detect-highlights.js'
export {
  computeHighlights,
  type HighlightDeps,
  type HighlightOutcome,
} from './pipeline/compute-highlights.js'
export type { AudioSource, ResolveAudioSource } from './pipeline/plan-handler.js'
export type { HighlightsDocument } from './store/highlights-store.js'
