import { type ChatMoment, findChatMoments, MOMENT_DEFAULTS, type MomentOptions } from './chat-moments.js'
import { type ChunkStats, stitchCounts, uniqueChatters } from './stitch.js'

/** The chat stage's result for one VOD, computed once every chunk has landed. */
export interface ChatSignal {
  messageCount: number
  uniqueChatters: number
  /** Highest number of messages in any 60-s window. */
  peakRatePerMin: number
  chattersPerMinute: number[]
  moments: ChatMoment[]
}

export function computeChatSignal(
  chunks: readonly ChunkStats[],
  durationSec: number,
  options: MomentOptions = MOMENT_DEFAULTS,
): ChatSignal {
  const perSecond = stitchCounts(chunks, durationSec)
  const chatters = uniqueChatters(chunks, durationSec)
  return {
    messageCount: perSecond.reduce((a, b) => a + b, 0),
    uniqueChatters: chatters.total,
    peakRatePerMin: peakWindowSum(perSecond, 60),
    chattersPerMinute: chatters.perMinute,
    moments: findChatMoments(perSecond, options),
  }
}

function peakWindowSum(series: readonly number[], windowSec: number): number {
  let sum = 0
  let peak = 0
  series.forEach((value, s) => {
    sum += value - (s >= windowSec ? (series[s - windowSec] ?? 0) : 0)
    peak = Math.max(peak, sum)
  })
  return peak
}
