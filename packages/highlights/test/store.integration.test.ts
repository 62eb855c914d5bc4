import { randomUUID } from 'node:crypto'
import {
  batchDocument,
  type ChatBatchDocument,
  COLLECTIONS,
  type HighlightsDocument,
  type StoredChatMessage,
} from '@vodscope/contracts'
import { connectMongo, loadInfraConfig } from '@vodscope/infra'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChatStatsRead, loadChatCounts, loadChatWindow, saveHighlights } from '../src/index.js'

describe('the highlights stores', () => {
  let mongo: Awaited<ReturnType<typeof connectMongo>>
  beforeAll(async () => {
    mongo = await connectMongo(loadInfraConfig(), `test_highlights_${randomUUID().slice(0, 8)}`)
  })
  afterAll(async () => {
    await mongo.db.dropDatabase()
    await mongo.close()
  })

  const ranking = (videoKey: string, jobId: string, final: boolean, chat: boolean) => ({
    videoKey,
    jobId,
    highlights: [],
    fused: { audio: true as const, chat },
    final,
    audio: { status: 'done' as const, analysedSec: 60, meanDb: -20, peakDb: -5 },
  })
  const stored = (videoKey: string) =>
    mongo.db.collection<HighlightsDocument>(COLLECTIONS.highlights).findOne({ _id: videoKey })

  it("should keep a job's final ranking when its provisional one arrives after it", async () => {
    expect(await saveHighlights(mongo.db, ranking('twitch:1', 'j1', true, true))).toBe(true)
    expect(await saveHighlights(mongo.db, ranking('twitch:1', 'j1', false, false))).toBe(false)
    expect(await stored('twitch:1')).toMatchObject({ jobId: 'j1', final: true, fused: { chat: true } })
  })

  it("should let a newer job's provisional ranking replace an older job's final one", async () => {
    await saveHighlights(mongo.db, ranking('twitch:2', 'j1', true, true))
    expect(await saveHighlights(mongo.db, ranking('twitch:2', 'j2', false, false))).toBe(true)
    expect(await stored('twitch:2')).toMatchObject({ jobId: 'j2', final: false })
  })

  it('should end final when a final and many provisional rankings of one job race', async () => {
    const writes = Array.from({ length: 12 }, (_, i) =>
      saveHighlights(mongo.db, ranking('soop:3', 'j1', i === 5, i === 5)),
    )
    await Promise.all(writes)
    expect(await stored('soop:3')).toMatchObject({ jobId: 'j1', final: true, fused: { chat: true } })
  })

  it('should add the counts of a second that two chunks share, and clip to the duration', async () => {
    const stats = mongo.db.collection<ChatStatsRead>(COLLECTIONS.chatStats)
    await stats.insertMany([
      { _id: 'soop:4:0', videoKey: 'soop:4', chunkIndex: 0, chunkCount: 2, startSec: 0, counts: [1, 2, 3] },
      // A fractional part start: this chunk's first second is the first chunk's last.
      { _id: 'soop:4:1', videoKey: 'soop:4', chunkIndex: 1, chunkCount: 2, startSec: 2.5, counts: [4, 5, 6] },
      { _id: 'soop:5:0', videoKey: 'soop:5', chunkIndex: 0, chunkCount: 1, startSec: 0, counts: [9, 9] },
    ])
    expect(await loadChatCounts(stats, 'soop:4', 4)).toEqual([1, 2, 7, 5])
  })

  it("should read a window's messages in VOD order across batches and chunks", async () => {
    const message = (offsetMs: number): StoredChatMessage => ({
      id: `m${offsetMs}`,
      offsetMs,
      authorId: 'a',
      authorName: 'a',
      text: 'ㅋㅋㅋ',
      kind: 'chat',
    })
    const batch = (chunkIndex: number, seq: number, offsets: number[]): ChatBatchDocument =>
      batchDocument({ videoKey: 'twitch:6', jobId: 'j1', chunkIndex }, seq, offsets.map(message))
    const batches = mongo.db.collection<ChatBatchDocument>(COLLECTIONS.chatBatches)
    // Inserted out of order; the window [1500, 4000) meets three of the four batches.
    await batches.insertMany([
      batch(1, 0, [3000, 3500, 4000]),
      batch(0, 1, [1000, 2000]),
      batch(0, 0, [0, 500]),
      batch(1, 1, [4500]),
    ])
    const window = await loadChatWindow(batches, 'twitch:6', 1500, 4000)
    expect(window.map((m) => m.offsetMs)).toEqual([2000, 3000, 3500])
  })
})
