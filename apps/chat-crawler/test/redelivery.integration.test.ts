import { COLLECTIONS, type JobDocument, namespace, newJobDocument } from '@vodscope/contracts'
import type { ChatMessage } from '@vodscope/platforms'
import {
  createFanIn,
  createJobStages,
  createLogger,
  type HandlerContext,
  type JobStages,
} from '@vodscope/worker-kit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MOMENT_DEFAULTS } from '../src/core/chat-moments.js'
import { CHUNK_PLAN_DEFAULTS, planChunks } from '../src/core/plan-chunks.js'
import type { ChatSource } from '../src/crawl/chat-source.js'
import { createChunkHandler } from '../src/handlers/crawl-chunk.js'
import { createJoin, type JoinChat } from '../src/handlers/join-chat.js'
import { createSkip } from '../src/handlers/skip-chat.js'
import { countChatMessages } from '../src/store/chat-batches.js'
import { createTestBed, type TestBed, videoMessage } from './support/test-bed.js'

/**
 * The chunk handler driven directly, against the real database, to replay deliveries in a chosen
 * order: the redeliveries Kafka makes after a crash or a rebalance, without waiting for one.
 */
describe('chunk handler under redelivery', () => {
  let bed: TestBed
  beforeEach(async () => {
    bed = await createTestBed()
  })
  afterEach(async () => {
    await bed.close()
  })

  it('should crawl each chunk once, add no duplicates and join once', async () => {
    const crawled: number[] = []
    const source: ChatSource = {
      async *crawlChat(range) {
        crawled.push(range.startSec)
        const page: ChatMessage[] = []
        for (let ms = range.startSec * 1000; ms < range.endSec * 1000; ms += 1000) {
          page.push({ id: `m${ms}`, offsetMs: ms, authorId: 'a', authorName: 'A', text: 't', kind: 'chat' })
        }
        yield page
      },
    }
    const video = videoMessage('twitch', '7', [{ index: 0, partId: '7', startSec: 0, durationSec: 300 }])
    const { db } = bed.mongo
    await db.collection<JobDocument>(COLLECTIONS.jobs).insertOne(newJobDocument(video, false, new Date()))
    const stages = createJobStages({
      db,
      producer: bed.producer,
      topic: namespace(bed.infra.topicPrefix).topics.jobEvents,
    })
    await stages.claim(video, 'chat')
    const reported: { done: number; total: number }[] = []
    const observed: JobStages = {
      ...stages,
      progress: async (ref, stage, progress) => {
        reported.push(progress)
        return stages.progress(ref, stage, progress)
      },
    }
    const fanIn = createFanIn(db)
    const fuseHighlights = async () => {}
    const realJoin = createJoin({
      db,
      collections: bed.collections,
      stages,
      fanIn,
      moments: MOMENT_DEFAULTS,
      fuseHighlights,
    })
    let joins = 0
    const join: JoinChat = async (chunk) => {
      joins++
      await realJoin(chunk)
    }
    const handle = createChunkHandler({
      db,
      collections: bed.collections,
      stages: observed,
      fanIn,
      source,
      writeBatch: 50,
      join,
      skip: createSkip({ db, collections: bed.collections, stages, fuseHighlights }),
      fuseHighlights,
    })
    const ctx: HandlerContext = {
      topic: 't',
      partition: 0,
      offset: '0',
      key: null,
      headers: {},
      attempt: 1,
      signal: new AbortController().signal,
      log: createLogger('redelivery-test', 'silent'),
      isFinal: () => false,
    }
    const [first, second, third] = planChunks(video, CHUNK_PLAN_DEFAULTS)
    if (first === undefined || second === undefined || third === undefined)
      throw new Error('expected 3 chunks')

    await handle(first, ctx)
    await handle(first, ctx) // redelivered after it finished: stats are stored, nothing is crawled
    await Promise.all([handle(second, ctx), handle(third, ctx)]) // two finishers racing for the join
    await handle(third, ctx) // redelivered after the stage is done: acknowledged without work

    // Each chunk crawled once; the second and third ran concurrently, so their order is not the contract.
    expect([...crawled].sort((a, b) => a - b)).toEqual([0, 120, 240])
    expect(joins).toBe(1)
    expect(await countChatMessages(bed.collections.batches, video.videoKey)).toBe(300)
    const job = await bed.job(video.jobId)
    expect(job?.stages.chat).toMatchObject({ status: 'done', progress: { done: 3, total: 3 } })
    expect((await bed.collections.signal.findOne({ _id: video.videoKey }))?.messageCount).toBe(300)
    // The chunk that joined reported no progress of its own: the stage's finish carried 3 of 3.
    expect(reported.length).toBeGreaterThan(0)
    expect(reported.every((p) => p.done < p.total)).toBe(true)
  })

  it('should fuse the highlights when the last chunk is redelivered after its worker died mid-join', async () => {
    const source: ChatSource = {
      async *crawlChat(range) {
        yield [
          {
            id: `m${range.startSec}`,
            offsetMs: range.startSec * 1000,
            authorId: 'a',
            authorName: 'A',
            text: 't',
            kind: 'chat',
          },
        ]
      },
    }
    const video = videoMessage('twitch', '8', [{ index: 0, partId: '8', startSec: 0, durationSec: 120 }])
    const { db } = bed.mongo
    await db.collection<JobDocument>(COLLECTIONS.jobs).insertOne(newJobDocument(video, false, new Date()))
    const stages = createJobStages({
      db,
      producer: bed.producer,
      topic: namespace(bed.infra.topicPrefix).topics.jobEvents,
    })
    await stages.claim(video, 'chat')
    const fanIn = createFanIn(db)
    let fusions = 0
    let crashOnce = true
    // The first fusion dies the way a SIGKILL between "stage done" and "highlights fused" would.
    const fuseHighlights = async () => {
      if (crashOnce) {
        crashOnce = false
        throw new Error('killed mid-join')
      }
      fusions++
    }
    const join = createJoin({
      db,
      collections: bed.collections,
      stages,
      fanIn,
      moments: MOMENT_DEFAULTS,
      fuseHighlights,
    })
    const handle = createChunkHandler({
      db,
      collections: bed.collections,
      stages,
      fanIn,
      source,
      writeBatch: 50,
      join,
      skip: createSkip({ db, collections: bed.collections, stages, fuseHighlights }),
      fuseHighlights,
    })
    const ctx: HandlerContext = {
      topic: 't',
      partition: 0,
      offset: '0',
      key: null,
      headers: {},
      attempt: 1,
      signal: new AbortController().signal,
      log: createLogger('redelivery-test', 'silent'),
      isFinal: () => false,
    }
    const [only] = planChunks(video, CHUNK_PLAN_DEFAULTS)
    if (only === undefined) throw new Error('expected one chunk')

    await expect(handle(only, ctx)).rejects.toThrow('killed mid-join')
    expect((await bed.job(video.jobId))?.stages.chat.status).toBe('done')
    expect(fusions).toBe(0)

    await handle(only, ctx) // Kafka redelivers the uncommitted message
    expect(fusions).toBe(1)
    await handle(only, ctx) // once joined, a further redelivery does nothing
    expect(fusions).toBe(1)
  })
})
