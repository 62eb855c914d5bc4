import type { ChatChunkV1, Platform, VideoExtractedV1, VideoPart } from '@vodscope/contracts'

export interface ChunkPlanOptions {
  /** Length of one chunk, seconds. Small chunks let every replica work on the same VOD. */
  chunkSec: number
  /**
   * A part's remainder shorter than this joins the chunk before it, seconds. Upstream clients find
   * ranges under ~15 s cost a whole page request for a handful of messages.
   */
  minChunkSec: number
  /** Chunk length for one platform instead of `chunkSec`, seconds. */
  chunkSecByPlatform: Partial<Record<Platform, number>>
}

export const CHUNK_PLAN_DEFAULTS = {
  chunkSec: 120, // two minutes: 30 chunks per hour of stream
  minChunkSec: 15,
  // SOOP answers chat in windows from the part start: a shorter chunk would still fetch a whole
  // window, and a misaligned one two. Chunks of exactly one window cost one request each. The window
  // is the part's `chatWindowSec` (SOOP's `chat_duration`); this is for parts that do not carry it.
  chunkSecByPlatform: { soop: 300 },
} as const satisfies ChunkPlanOptions

/**
 * Splits a VOD into chat chunks, part by part, so no chunk crosses a part boundary (a SOOP part has its
 * own chat endpoint and its own time origin). Chunk boundaries are `part.startSec + k * chunkSec`.
 * Every part yields at least one chunk (an empty one for a zero-length part), so the chunk count is
 * never zero and the fan-in always has something to join.
 */
export function planChunks(
  video: VideoExtractedV1,
  options: ChunkPlanOptions = CHUNK_PLAN_DEFAULTS,
): ChatChunkV1[] {
  const chunkSec = options.chunkSecByPlatform[video.platform] ?? options.chunkSec
  if (!(chunkSec > 0) || options.minChunkSec < 0) {
    throw new RangeError(`chunkSec must be > 0 and minChunkSec >= 0, got ${JSON.stringify(options)}`)
  }
  const ranges = [...video.parts]
    .sort((a, b) => a.index - b.index)
    .flatMap((part) =>
      splitPart(part, part.chatWindowSec ?? chunkSec, options.minChunkSec).map((range) => ({
        part,
        ...range,
      })),
    )

  return ranges.map((range, chunkIndex) => ({
    version: 1,
    jobId: video.jobId,
    videoKey: video.videoKey,
    platform: video.platform,
    videoId: video.videoId,
    chunkIndex,
    chunkCount: ranges.length,
    startSec: range.startSec,
    endSec: range.endSec,
    part: range.part,
  }))
}

function splitPart(
  part: VideoPart,
  chunkSec: number,
  minChunkSec: number,
): { startSec: number; endSec: number }[] {
  const end = part.startSec + part.durationSec
  const ranges: { startSec: number; endSec: number }[] = []
  for (let k = 0; ; k++) {
    const startSec = part.startSec + k * chunkSec
    const endSec = Math.min(end, startSec + chunkSec)
    const last = ranges.at(-1)
    if (last !== undefined && endSec - startSec < minChunkSec) {
      last.endSec = end
      break
    }
    ranges.push({ startSec, endSec })
    if (endSec >= end) break
  }
  return ranges
}
