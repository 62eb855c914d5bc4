export {
  computeHighlights,
  type HighlightDeps,
  type HighlightOutcome,
} from './compute-highlights.js'
export { loadDetectOptions } from './config.js'
export { HIGHLIGHT_ERRORS, HighlightError, type HighlightErrorCode, isHighlightError } from './errors.js'
export { chatLabels, normaliseToken } from './rank/chat-labels.js'
export { DETECT_DEFAULTS, type DetectOptions, detectHighlights } from './rank/detect-highlights.js'
export {
  ABSOLUTE_GATE_LUFS,
  lufs,
  type SecondBins,
  SILENCE_FLOOR_LUFS,
  stitchSeries,
} from './series/stitch.js'
export { type LoudnessSummary, SUMMARY_DEFAULTS, summarise } from './series/summary.js'
export { type ChatStatsRead, loadChatCounts, loadChatWindow } from './store/chat-counts.js'
export { type AudioSummaryView, saveHighlights } from './store/highlights-store.js'
export { loadSeries, type StoredSeries } from './store/load-series.js'
export { loadSegmentLoudness, readSegment, type StoredSegment } from './store/loudness-read.js'
