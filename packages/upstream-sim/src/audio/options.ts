import { fileURLToPath } from 'node:url'
import { defaultFfmpegPath } from './ffmpeg.js'

export interface AudioOptions {
  /** Where tiles and rendered VOD audio are cached; git-ignored, shared by every run. */
  cacheDir: string
  ffmpegPath: string
  sampleRate: number
  bitrateKbps: number
  /** RMS level of the speech-like noise bed, dBFS. */
  bedDb: number
  /** RMS level of a loud moment, dBFS. */
  loudDb: number
  /** Target length of an HLS segment, seconds. */
  segmentSec: number
  /** VOD parts rendered at once; each render is one single-threaded ffmpeg remux. */
  renderConcurrency: number
}

export function audioDefaults(): AudioOptions {
  return {
    cacheDir: fileURLToPath(new URL('../../../../.devstack/cache/sim-audio', import.meta.url)),
    ffmpegPath: defaultFfmpegPath(),
    sampleRate: 16_000, // Hz; speech band only, enough for loudness analysis
    bitrateKbps: 32, // mono AAC: ~14 MB per hour
    bedDb: -35,
    loudDb: -10,
    segmentSec: 10, // like Twitch VOD segments
    renderConcurrency: 2,
  }
}
