import { randomUUID } from 'node:crypto'
import { connectMongo, ensureIndexes, loadInfraConfig } from '@vodscope/infra'
import type { ChatMessage } from '@vodscope/platforms'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  batchDocument,
  countChatMessages,
  dropOtherJobs,
  dropStaleBatches,
  readChatMessages,
  storedBatchCount,
  writeBatches,
} from '../src/store/chat-batches.js'
import { type ChatCollections, chatCollections } from '../src/store/collections.js'

const msg = (offsetMs: number, kind: ChatMessage['kind'] = 'chat'): ChatMessage => ({
  id: `m${offsetMs}`,
  offsetMs,
  authorId: 'a',
  authorName: 'A',
  text: 'hi',
  kind,
  ...(kind === 'donation' ? { amount: 5 } : {}),
})
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => msg(from + i * step))

/** The store functions on the real database (the devstack's server), one fresh database for the file. */
describe('chat batches', () => {
  let mongo: Awaited<ReturnType<typeof connectMongo>>
  let c: ChatCollections
  beforeAll(async () => {
    mongo = await connectMongo(loadInfraConfig(), `test_batches_${randomUUID().slice(0, 8)}`)
    await ensureIndexes(mongo.db)
    c = chatCollections(mongo.db)
  })
  afterAll(async () => {
    await mongo.db.dropDatabase()
    await mongo.close()
  })

  it('should keep each message once when a chunk is crawled again, even by a shorter crawl', async () => {
    const chunk = { videoKey: 'twitch:1', jobId: 'j1', chunkIndex: 0 }
    // First crawl: three batches of 10, then the worker dies (no stats, chunk redelivered).
    await writeBatches(
      c.batches,
      [0, 1, 2].map((seq) => batchDocument(chunk, seq, range(seq * 10, seq * 10 + 10, 1))),
    )
    const storedBefore = await storedBatchCount(c.batches, 'twitch:1', 0)
    expect(storedBefore).toBe(3)
    expect(await storedBatchCount(c.batches, 'twitch:1', 1)).toBe(0)
    // Second crawl writes the same messages in batches of 20: two documents; the third one is stale.
    const again = range(0, 30, 1)
    await writeBatches(c.batches, [batchDocument(chunk, 0, again.slice(0, 20))])
    await writeBatches(c.batches, [batchDocument(chunk, 1, again.slice(20))])
    expect(await countChatMessages(c.batches, 'twitch:1')).toBe(40) // 20 + 10 + stale 10
    await dropStaleBatches(c.batches, chunk, { written: 2, storedBefore })
    const stored = await readChatMessages(c.batches, 'twitch:1')
    expect(stored.map((m) => m.offsetMs)).toEqual(again.map((m) => m.offsetMs))
    expect(await countChatMessages(c.batches, 'twitch:1')).toBe(30)
  })

  it('should survive two crawls of one chunk racing on the same new ids', async () => {
    const chunk = { videoKey: 'twitch:2', jobId: 'j2', chunkIndex: 3 }
    const docs = [0, 1, 2, 3].map((seq) => batchDocument(chunk, seq, range(seq * 100, seq * 100 + 100, 10)))
    await Promise.all([
      ...[...docs, ...docs].map((doc) => writeBatches(c.batches, [doc])),
      writeBatches(c.batches, docs),
      writeBatches(c.batches, docs),
    ])
    expect(await countChatMessages(c.batches, 'twitch:2')).toBe(40)
    expect(await storedBatchCount(c.batches, 'twitch:2', 3)).toBe(4)
  })

  it('should read a time window in VOD order across chunks, donations kept with their amount', async () => {
    const key = 'soop:3'
    await writeBatches(c.batches, [
      batchDocument({ videoKey: key, jobId: 'j3', chunkIndex: 1 }, 0, [
        msg(300_000),
        msg(301_000, 'donation'),
      ]),
    ])
    await writeBatches(c.batches, [
      batchDocument({ videoKey: key, jobId: 'j3', chunkIndex: 0 }, 0, range(0, 300_000, 60_000)),
    ])
    const window = await readChatMessages(c.batches, key, { fromMs: 120_000, toMs: 301_000 })
    expect(window.map((m) => m.offsetMs)).toEqual([120_000, 180_000, 240_000, 300_000])
    const all = await readChatMessages(c.batches, key)
    expect(all.map((m) => m.offsetMs)).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000, 301_000])
    expect(all.at(-1)).toMatchObject({ kind: 'donation', amount: 5 })
  })

  it('should drop the batches of earlier jobs of the video and no other video’s', async () => {
    await writeBatches(c.batches, [
      batchDocument({ videoKey: 'yt:4', jobId: 'old', chunkIndex: 7 }, 0, range(0, 5, 1)),
    ])
    await writeBatches(c.batches, [
      batchDocument({ videoKey: 'yt:4', jobId: 'new', chunkIndex: 0 }, 0, range(0, 3, 1)),
    ])
    await writeBatches(c.batches, [
      batchDocument({ videoKey: 'yt:5', jobId: 'old', chunkIndex: 0 }, 0, range(0, 2, 1)),
    ])
    await dropOtherJobs(c.batches, 'yt:4', 'new')
    expect(await countChatMessages(c.batches, 'yt:4')).toBe(3)
    expect(await countChatMessages(c.batches, 'yt:5')).toBe(2)
  })

  it('should write a chunk’s batches in one bulk write, replacing what an earlier crawl stored', async () => {
    const chunk = { videoKey: 'soop:6', jobId: 'j6', chunkIndex: 2 }
    const first = range(0, 1_200, 1)
    await writeBatches(c.batches, [
      batchDocument(chunk, 0, first.slice(0, 500)),
      batchDocument(chunk, 1, first.slice(500, 1_000)),
      batchDocument(chunk, 2, first.slice(1_000)),
    ])
    expect(await storedBatchCount(c.batches, 'soop:6', 2)).toBe(3)
    const again = { ...chunk, jobId: 'j7' }
    await writeBatches(c.batches, [
      batchDocument(again, 0, first.slice(0, 600)),
      batchDocument(again, 1, first.slice(600)),
    ])
    await dropStaleBatches(c.batches, chunk, { written: 2, storedBefore: 3 })
    const docs = await c.batches.find({ videoKey: 'soop:6' }).sort({ seq: 1 }).toArray()
    expect(docs.map((d) => [d.seq, d.jobId, d.count])).toEqual([
      [0, 'j7', 600],
      [1, 'j7', 600],
    ])
    expect((await readChatMessages(c.batches, 'soop:6')).map((m) => m.offsetMs)).toEqual(
      first.map((m) => m.offsetMs),
    )
  })

  it('should count no stored batches for a chunk without batch 0', async () => {
    expect(await storedBatchCount(c.batches, 'soop:6', 0)).toBe(0)
    await writeBatches(c.batches, [])
    expect(await countChatMessages(c.batches, 'soop:8')).toBe(0)
  })

  it('should refuse an empty batch', () => {
    expect(() => batchDocument({ videoKey: 'x:1', jobId: 'j', chunkIndex: 0 }, 0, [])).toThrow(RangeError)
  })
})
