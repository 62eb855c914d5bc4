/**
 * Download only, no storage, in a process of its own: the chat of one VOD fetched either page after
 * page (`sequential`) or as the chunk planner's chunks with `VODSCOPE_BENCH_CONCURRENCY` chunks at a
 * time (`chunked`, what the chunk workers do before they write). It separates the crawl's speed from
 * the database's. Prints one JSON line: wall time, messages, a digest of (id, offset) for completeness.
 */
import { CHUNK_PLAN_DEFAULTS, planChunks } from '@vodscope/chat-crawler'
import type { VideoExtractedV1 } from '@vodscope/contracts'
import { type ChatMessage, createPlatforms, platformsConfigFromEnv } from '@vodscope/platforms'
import pLimit from 'p-limit'
import { peakRssKb } from './processes.js'
import { digest } from './truth.js'

const video = JSON.parse(process.env.VODSCOPE_BENCH_VIDEO ?? '') as VideoExtractedV1
const chunked = process.env.VODSCOPE_BENCH_MODE === 'chunked'
const concurrency = Number(process.env.VODSCOPE_BENCH_CONCURRENCY ?? 1)
const platforms = createPlatforms(platformsConfigFromEnv())

const ranges = chunked
  ? planChunks(video, CHUNK_PLAN_DEFAULTS)
  : video.parts.map((part) => ({ part, startSec: part.startSec, endSec: part.startSec + part.durationSec }))
const seen = new Map<string, number>()
const started = performance.now()
const limit = pLimit(chunked ? concurrency : 1)
await Promise.all(
  ranges.map((range) =>
    limit(async () => {
      const pages: AsyncIterable<ChatMessage[]> = platforms.crawlChat({
        platform: video.platform,
        videoId: video.videoId,
        part: range.part,
        startSec: range.startSec,
        endSec: range.endSec,
      })
      for await (const page of pages) for (const m of page) seen.set(`${video.platform}:${m.id}`, m.offsetMs)
    }),
  ),
)
const wallMs = performance.now() - started
await platforms.close()
process.stdout.write(
  `${JSON.stringify({ wallMs, stored: seen.size, digest: digest(seen), peakRssKb: peakRssKb(process.pid) })}\n`,
)
