import { COLLECTIONS } from '@vodscope/contracts'
import type { ChatMessage } from '@vodscope/platforms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatSource } from '../src/crawl/chat-source.js'
import { countChatMessages } from '../src/store/chat-batches.js'
import { createTestBed, eventually, type TestBed, videoMessage } from './support/test-bed.js'

/** One message every 500 ms of VOD time; pages start 5 s early, as overlapping upstream windows do. */
const fakeSource: ChatSource = {
  async *crawlChat(range) {
    const endMs = range.endSec * 1000
    let page: ChatMessage[] = []
    for (let ms = Math.max(0, Math.floor(range.startSec * 1000) - 5_000); ms < endMs; ms += 500) {
      page.push({
        id: `m${ms}`,
        offsetMs: ms,
        authorId: `a${ms % 7}`,
        authorName: 'n',
        text: 't',
        kind: 'chat',
      })
      if (page.length === 50) {
        yield page
        page = []
      }
    }
    yield page
  },
}

describe('chat crawler with an in-memory chat source', () => {
  let bed: TestBed
  beforeEach(async () => {
    bed = await createTestBed({
      env: { VODSCOPE_CHAT_SOOP_CHUNK_SEC: '60', VODSCOPE_CHAT_WRITE_BATCH: '100' },
    })
  })
  afterEach(async () => {
    await bed.close()
  })

  it('should store every message of a multi-part VOD once and finish the chat stage', async () => {
    await bed.startReplica(fakeSource)
    await bed.startReplica(fakeSource)
    const video = videoMessage('soop', '123', [
      { index: 0, partId: 'p0', startSec: 0, durationSec: 600.5 },
      { index: 1, partId: 'p1', startSec: 600.5, durationSec: 300 },
    ])
    await bed.submit(video)
    const job = await bed.chatEnded(video.jobId)
    expect(job.stages.chat.status).toBe('done')
    // Ten chunks in part 0 (its last 0.5 s joins the tenth), five in part 1.
    expect(job.stages.chat.progress).toEqual({ done: 15, total: 15 })

    const count = await countChatMessages(bed.collections.batches, video.videoKey)
    expect(count).toBe(1801) // 0 … 900 000 ms every 500 ms (the VOD ends at 900 500)
    const signal = await bed.collections.signal.findOne({ _id: video.videoKey })
    expect(signal?.messageCount).toBe(count)
    expect(signal?.uniqueChatters).toBe(7)
    const videoDoc = await bed.mongo.db
      .collection(COLLECTIONS.videos)
      .findOne({ _id: video.videoKey as never })
    expect(videoDoc?.chat).toEqual({
      status: 'done',
      messageCount: count,
      uniqueChatters: 7,
      peakRatePerMin: 120,
    })
    expect(bed.fused).toEqual([video.jobId])
  })

  it('should fail the chat stage with the error when a chunk fails for good', async () => {
    const broken: ChatSource = {
      async *crawlChat(range) {
        // The chunk at two minutes meets a response it cannot read; retrying cannot help.
        if (range.startSec === 120) {
          throw Object.assign(new Error('comments missing'), {
            code: 'PLATFORM_BAD_RESPONSE',
            retryable: false,
          })
        }
        yield* fakeSource.crawlChat(range)
      },
    }
    await bed.startReplica(broken)
    const video = videoMessage('twitch', '42', [{ index: 0, partId: '42', startSec: 0, durationSec: 300 }])
    await bed.submit(video)
    const job = await bed.chatEnded(video.jobId)
    expect(job.stages.chat.status).toBe('failed')
    expect(job.stages.chat.error?.code).toBe('PLATFORM_BAD_RESPONSE')
    // Failed is final: the summary follows, then the highlights are ranked without chat.
    await eventually(async () => (bed.fused.includes(video.jobId) ? true : undefined))
    const videoDoc = await bed.mongo.db
      .collection(COLLECTIONS.videos)
      .findOne({ _id: video.videoKey as never })
    expect(videoDoc?.chat).toMatchObject({ status: 'failed', messageCount: 0 })
  })

  it('should fail the chat stage, not loop, when the upstream repeats a page for ever', async () => {
    const stuck: ChatSource = {
      async *crawlChat(range) {
        const page: ChatMessage[] = [
          {
            id: 'same',
            offsetMs: range.startSec * 1000,
            authorId: 'a',
            authorName: 'n',
            text: 't',
            kind: 'chat',
          },
        ]
        for (;;) yield page
      },
    }
    await bed.startReplica(stuck)
    const video = videoMessage('twitch', '43', [{ index: 0, partId: '43', startSec: 0, durationSec: 60 }])
    await bed.submit(video)
    const job = await bed.chatEnded(video.jobId)
    expect(job.stages.chat.status).toBe('failed')
    expect(job.stages.chat.error?.code).toBe('CHAT_CURSOR_STUCK')
  })
})
