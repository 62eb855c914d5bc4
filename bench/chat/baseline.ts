/**
 * The sequential baseline, in a process of its own: one client crawls the whole VOD page after page,
 * part by part, from the first offset to the end — how chat replays are usually downloaded — and
 * stores it with the same documents and batched writes as the chunk workers. Prints one JSON line.
 */
import { chatCollections, messageDocument, writeInBatches, writeMessages } from '@vodscope/chat-crawler'
import type { VideoExtractedV1 } from '@vodscope/contracts'
import { connectMongo, ensureIndexes, loadInfraConfig } from '@vodscope/infra'
import { createPlatforms, platformsConfigFromEnv } from '@vodscope/platforms'
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
  async function* documents() {
    for await (const page of pages) yield page.map((m) => messageDocument(video.platform, video.videoKey, m))
  }
  stored += await writeInBatches(documents(), WRITE_BATCH, (docs) =>
    writeMessages(collections.messages, docs),
  )
}
const wallMs = performance.now() - started
await platforms.close()
await mongo.close()
process.stdout.write(`${JSON.stringify({ wallMs, stored, peakRssKb: peakRssKb(process.pid) })}\n`)
