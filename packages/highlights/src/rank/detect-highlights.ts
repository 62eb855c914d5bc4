import { type Highlight, type HighlightEvidence, type Platform, videoUrl } from '@vodscope/contracts'
import { ABSOLUTE_GATE_LUFS } from '../series/stitch.js'
import { pickPeaks, windowAround } from './peak-picking.js'
import { median, movingAverage, normalise, residual } from './robust-score.js'

export const DETECT_DEFAULTS = {
  baselineWindowSec: 300, // five minutes: long against a moment, short against a stream's drift
  audioMinScaleDb: 0.5, // dB; a bed steadier than this does not make a 2 dB bump remarkable
  audioSmoothingSec: 5, // seconds; a highlight is a few seconds of loudness, not one clipped frame
  chatSmoothingSec: 10, // seconds; chat arrives in bursts of single messages
  chatMinScale: 0.25, // floor of the chat scale, in log(1 + messages/s)
  chatLagSec: 5, // seconds chat trails what caused it; chat at t + lag is evidence for t
  audioWeight: 0.6, // fusion weights when both signals exist; they sum to 1 so thresholds keep their meaning
  chatWeight: 0.4,
  threshold: 3.5, // fused score a peak must reach, in robust deviations of the smoothed signal
  minGapSec: 60, // seconds between two highlights
  topK: 20,
  fraction: 0.5, // window: seconds around the peak scoring at least half of it…
  maxHalfWidthSec: 45, // …at most this far either side, seconds…
  preRollSec: 10, // …plus this lead-in, seconds…
  postRollSec: 5, // …and this tail, seconds
  halfScore: 6, // the fused deviation that maps to a score of 0.5
} as const

export type DetectOptions = { [K in keyof typeof DETECT_DEFAULTS]: number }

export interface DetectInput {
  platform: Platform
  videoId: string
  /** Per-second loudness in LUFS, second 0 first. */
  loudness: readonly number[]
  /** Per-second chat message counts on the same time axis, when the chat stage has finished. */
  chatCounts?: readonly number[]
}

export interface ScoredSignals {
  /** Per second: the smoothed loudness over the local bed, dB (what `audio` scales). */
  audioExcessDb: number[]
  audio: number[]
  chat: number[] | undefined
  fused: number[]
}

/**
 * Maps a deviation to [0, 1): monotone, 0 for nothing remarkable, 0.5 at `half` deviations. A fixed
 * map (not "divide by the best peak") keeps scores comparable across VODs.
 */
export const squash = (z: number, half: number): number => (z <= 0 ? 0 : z / (z + half))

/**
 * The smoothed, normalised audio and chat deviations and their fusion, per second. Each signal is
 * first made relative to its local bed (moving median), then smoothed over the length of a moment,
 * then scaled by the spread of that smoothed residual — so a score counts deviations of the signal
 * as the detector sees it, and a speech bed that swings ±4 dB second to second but averages out over
 * five seconds does not hide an 8 dB moment.
 */
export function scoreSignals(input: DetectInput, options: DetectOptions = DETECT_DEFAULTS): ScoredSignals {
  const loud = input.loudness
  const audible = (i: number) => (loud[i] as number) > ABSOLUTE_GATE_LUFS
  const audioResidual = movingAverage(
    residual(loud, options.baselineWindowSec, audible),
    options.audioSmoothingSec,
  )
  // Quieter than usual is no evidence against a highlight: only the excess counts.
  const audio = normalise(audioResidual, options.audioMinScaleDb, audible).map((z) => Math.max(0, z))
  if (input.chatCounts === undefined)
    return { audioExcessDb: audioResidual, audio, chat: undefined, fused: audio }

  const counts = Array.from({ length: loud.length }, (_, i) => input.chatCounts?.[i] ?? 0)
  const rate = movingAverage(counts, options.chatSmoothingSec).map((r) => Math.log1p(r))
  const chatZ = normalise(
    residual(rate, options.baselineWindowSec, () => true),
    options.chatMinScale,
  )
  const chat = loud.map((_, i) => Math.max(0, chatZ[Math.min(i + options.chatLagSec, loud.length - 1)] ?? 0))
  const fused = audio.map((a, i) => options.audioWeight * a + options.chatWeight * (chat[i] as number))
  return { audioExcessDb: audioResidual, audio, chat, fused }
}

/** Ranked highlights: peaks of the fused score with a minimum gap, top-K, a window around each. */
export function detectHighlights(input: DetectInput, options: DetectOptions = DETECT_DEFAULTS): Highlight[] {
  const { audioExcessDb, audio, chat, fused } = scoreSignals(input, options)
  const peaks = pickPeaks(fused, options)
  const usualChatPerMin = input.chatCounts === undefined ? undefined : usualPerMinute(input.chatCounts)
  return peaks.map((peak, i) => {
    const { startSec, endSec } = windowAround(fused, peak, options)
    const signals: Highlight['signals'] = { audio: round(squash(audio[peak.sec] ?? 0, options.halfScore)) }
    if (chat !== undefined) signals.chat = round(squash(chat[peak.sec] ?? 0, options.halfScore))
    const evidence: HighlightEvidence = { loudnessDb: round1(audioExcessDb[peak.sec] ?? 0) }
    if (input.chatCounts !== undefined && usualChatPerMin !== undefined) {
      evidence.chatPerMin = round1(perMinute(input.chatCounts, startSec, endSec))
      evidence.usualChatPerMin = round1(usualChatPerMin)
    }
    return {
      rank: i + 1,
      startSec,
      endSec,
      peakSec: peak.sec,
      score: round(squash(peak.value, options.halfScore)),
      signals,
      evidence,
      url: videoUrl(input.platform, input.videoId, startSec),
    }
  })
}

const round = (x: number): number => Math.round(x * 1000) / 1000
const round1 = (x: number): number => Math.round(x * 10) / 10

/** Messages per minute over the seconds [from, to). */
function perMinute(counts: readonly number[], from: number, to: number): number {
  let sum = 0
  for (let s = from; s < to; s++) sum += counts[s] ?? 0
  return to > from ? (sum * 60) / (to - from) : 0
}

/** The median of the VOD's whole minutes' message counts: its usual chat rate. */
function usualPerMinute(counts: readonly number[]): number {
  const minutes = Math.floor(counts.length / 60)
  if (minutes === 0) return perMinute(counts, 0, counts.length)
  return median(Array.from({ length: minutes }, (_, m) => perMinute(counts, m * 60, m * 60 + 60)))
}
