/**
 * `@vodscope/audio-analyzer/testing`: what the analyzer's tests and bench/audio drive it with — job
 * seeding, and the decode and loudness pieces that bench/audio/decode-paths.ts measures one by one.
 */

export { lufs } from '@vodscope/highlights'
export { type DecodeOptions, decodeSegment, type SegmentRequest } from '../ffmpeg/decode-segment.js'
export { DECODER_DEFAULTS } from '../ffmpeg/segment-decoder.js'
export { KWeighting, preFilter, rlbFilter } from '../loudness/k-weighting.js'
export { LoudnessMeter, type SecondBins } from '../loudness/loudness-meter.js'
export { type SeededJob, type SeedTarget, type SeedVideo, seedAudioJob } from './seed-job.js'
