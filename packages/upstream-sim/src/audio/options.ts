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
  /** RMS level of the strongest loud moment (strength 3), dBFS. */
  loudDb: number
  /**
   * Share of the loud-over-bed contrast a fair moment loses against a great one: strength s sits at
   * `bedDb + (loudDb − bedDb) · (1 − momentSpread · (3 − s) / 2)`. 0 makes every moment `loudDb`.
   */
  momentSpread: number
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
    momentSpread: 0.4, // 25 dB over the bed for a great moment, 20 for a good one, 15 for a fair one
    segmentSec: 10, // like Twitch VOD segments
    renderConcurrency: 2,
  }
}
