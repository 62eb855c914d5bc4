import type { MinuteChatters } from './chunk-tally.js'

/** What the fan-in reads back of each chunk: its per-second counts and its chatters per minute. */
export interface ChunkStats {
  startSec: number
  counts: readonly number[]
  chatters: readonly MinuteChatters[]
}

/**
 * Joins the chunks' per-second counts into one series over the VOD. Overlapping seconds are added:
 * two chunks meeting at a fractional second each hold part of that second's messages.
 */
export function stitchCounts(
  chunks: readonly Pick<ChunkStats, 'startSec' | 'counts'>[],
  durationSec: number,
) {
  let length = Math.ceil(durationSec)
  for (const chunk of chunks) length = Math.max(length, chunk.startSec + chunk.counts.length)
  const series = new Array<number>(length).fill(0)
  for (const chunk of chunks) {
    chunk.counts.forEach((count, i) => {
      const second = chunk.startSec + i
      series[second] = (series[second] ?? 0) + count
    })
  }
  return series
}

/**
 * Unique chatters per minute of VOD time, and over the whole VOD. A minute split over two chunks is
 * the union of both chunks' authors, not the sum.
 */
export function uniqueChatters(chunks: readonly Pick<ChunkStats, 'chatters'>[], durationSec: number) {
  const byMinute = new Map<number, Set<string>>()
  const everyone = new Set<string>()
  for (const chunk of chunks) {
    for (const { minute, authorIds } of chunk.chatters) {
      let authors = byMinute.get(minute)
      if (authors === undefined) {
        authors = new Set()
        byMinute.set(minute, authors)
      }
      for (const id of authorIds) {
        authors.add(id)
        everyone.add(id)
      }
    }
  }
  const minutes = Math.max(Math.ceil(durationSec / 60), ...[...byMinute.keys()].map((m) => m + 1))
  const perMinute = Array.from({ length: minutes }, (_, m) => byMinute.get(m)?.size ?? 0)
  return { perMinute, total: everyone.size }
}
