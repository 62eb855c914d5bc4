/**
 * The sequential baseline, in a process of its own: one client crawls the whole VOD page after page,
 * part by part, from the first offset to the end — how chat replays are usually downloaded — and
 * stores it with the same documents and batched writes as the chunk workers (one chunk per part).
 * `VODSCOPE_BENCH_LAYOUT=per-message` stores one document per message instead, the layout before
 * (per-message.ts), to compare the two in one run. Prints one JSON line.
 */
import { batchDocument, chatCollections, writeBatches, writeInBatches } from '@vodscope/chat-crawler'
import type { VideoExtractedV1 } from '@vodscope/contracts'
import { connectMongo, ensureIndexes, loadInfraConfig } from '@vodscope/infra'
import type { ChatMessage } from '@vodscope/platforms'
import { createPlatforms, platformsConfigFromEnv } from '@vodscope/platforms'
import { perMessageWriter } from './per-message.js'
import { peakRssKb } from './processes.js'

const WRITE_BATCH = 500 // the chunk workers' default

const video = JSON.parse(process.env.VODSCOPE_BENCH_VIDEO ?? '') as VideoExtractedV1
const platforms = createPlatforms(platformsConfigFromEnv())
const mongo = await connectMongo(loadInfraConfig())
const collections = chatCollections(mongo.db)
await ensureIndexes(mongo.db)

const started = performance.now()
let stored = 0
for (const part of video.parts) {
  const pages = platforms.crawlChat({
    platform: video.platform,
    videoId: video.videoId,
    part,
    startSec: part.startSec,
    endSec: part.startSec + part.durationSec,
  })
  let seq = 0
  const chunk = { videoKey: video.videoKey, jobId: 'bench-baseline', chunkIndex: part.index }
  const perMessage =
    process.env.VODSCOPE_BENCH_LAYOUT === 'per-message'
      ? await perMessageWriter(mongo.db, video.platform, video.videoKey)
      : undefined
  const write = async (batches: ChatMessage[][]) => {
    if (perMessage === undefined) {
      await writeBatches(
        collections.batches,
        batches.map((messages) => batchDocument(chunk, seq++, messages)),
      )
    } else {
      for (const messages of batches) await perMessage(messages)
    }
  }
  stored += await writeInBatches(pages, WRITE_BATCH, write)
}
const wallMs = performance.now() - started
await platforms.close()
await mongo.close()
process.stdout.write(`${JSON.stringify({ wallMs, stored, peakRssKb: peakRssKb(process.pid) })}\n`)
