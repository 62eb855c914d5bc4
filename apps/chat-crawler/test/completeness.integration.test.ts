import { randomUUID } from 'node:crypto'
import { COLLECTIONS, type Platform } from '@vodscope/contracts'
import type { FaultRule } from '@vodscope/upstream-sim'
import { afterEach, describe, expect, it } from 'vitest'
import { readChatMessages } from '../src/store/chat-batches.js'
import { expectedMessages, startUpstreams, videoFromTruth } from './support/sim.js'
import { createTestBed, type TestBed } from './support/test-bed.js'

/**
 * Whole VODs through the real broker and database against the simulator with injected faults:
 * every message of the simulator's truth must be stored once, at its true VOD offset.
 */
describe('chat crawl completeness against the simulator', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function crawl(platform: Platform, videoId: string, faults: FaultRule[]) {
    const upstreams = await startUpstreams({ faults })
    cleanups.push(upstreams.close)
    const bed: TestBed = await createTestBed()
    cleanups.push(bed.close)
    // Two replicas, as a deployment would run them; they share the chunks of the one VOD.
    await bed.startReplica(upstreams.platforms)
    await bed.startReplica(upstreams.platforms)
    const video = videoFromTruth(upstreams.sim.truth(platform, videoId), `job_${randomUUID().slice(0, 12)}`)
    await bed.submit(video)
    const job = await bed.chatEnded(video.jobId)
    return { bed, sim: upstreams.sim, video, job }
  }

  async function expectComplete(bed: TestBed, expected: Map<string, number>, videoKey: string) {
    const platform = videoKey.slice(0, videoKey.indexOf(':'))
    const stored = (await readChatMessages(bed.collections.batches, videoKey)).map((m) => ({
      _id: `${platform}:${m.id}`,
      offsetMs: m.offsetMs,
    }))
    const wrongOffset = stored.filter((m) => expected.get(m._id) !== m.offsetMs)
    const missing = [...expected.keys()].filter((id) => !stored.some((m) => m._id === id))
    expect({
      stored: stored.length,
      wrongOffset: wrongOffset.slice(0, 5),
      missing: missing.slice(0, 5),
    }).toEqual({
      stored: expected.size,
      wrongOffset: [],
      missing: [],
    })
    const signal = await bed.collections.signal.findOne({ _id: videoKey })
    expect(signal?.messageCount).toBe(expected.size)
  }

  it('should store every Twitch comment once despite 429s, 5xx and in-band GQL errors', async () => {
    const { bed, sim, video, job } = await crawl('twitch', '770030120', [
      { kind: 'gql-error', match: 'twitch.gql.comments', rate: 0.1 },
      { kind: 'server-error', match: 'twitch.gql.comments', rate: 0.1 },
      { kind: 'rate-limit', match: 'twitch.gql.comments', times: 3, retryAfterSec: 1 },
    ])
    expect(job.stages.chat.status).toBe('done')
    expect(job.stages.chat.progress).toEqual({ done: 15, total: 15 })
    await expectComplete(bed, expectedMessages(sim, 'twitch', video.videoId), video.videoKey)
    const faults = sim.counters().faults
    expect(faults['twitch.gql.comments gql-error']).toBeGreaterThan(0)
    expect(faults['twitch.gql.comments server-error']).toBeGreaterThan(0)
    expect(faults['twitch.gql.comments rate-limit']).toBe(3)
  })

  it('should store every SOOP row of a multi-part VOD at its VOD offset, donations included', async () => {
    const { bed, sim, video, job } = await crawl('soop', '770150030', [
      { kind: 'server-error', match: 'soop.chat', rate: 0.15 },
      { kind: 'rate-limit', match: 'soop.chat', times: 2, retryAfterSec: 1 },
      { kind: 'reset', match: 'soop.chat', times: 2 },
    ])
    expect(video.parts).toHaveLength(2)
    expect(job.stages.chat.status).toBe('done')
    const expected = expectedMessages(sim, 'soop', video.videoId)
    await expectComplete(bed, expected, video.videoKey)
    // The second part's rows really are shifted: some stored offsets lie past the first part.
    const secondPartStartMs = (video.parts[1]?.startSec ?? 0) * 1000
    expect(
      (await readChatMessages(bed.collections.batches, video.videoKey, { fromMs: secondPartStartMs })).length,
    ).toBeGreaterThan(0)
    const all = await readChatMessages(bed.collections.batches, video.videoKey)
    expect(all.filter((m) => m.kind === 'donation').length).toBeGreaterThan(0)
    // VOD-time order across chunks and parts: the order readChatMessages promises.
    expect(all.every((m, i) => i === 0 || all[i - 1]!.offsetMs <= m.offsetMs)).toBe(true)
  })

  it('should store every YouTube replay message once despite 5xx', async () => {
    const { bed, sim, video, job } = await crawl('youtube', 's0020060abc', [
      { kind: 'server-error', match: 'youtube.chat-api', rate: 0.15 },
    ])
    expect(job.stages.chat.status).toBe('done')
    await expectComplete(bed, expectedMessages(sim, 'youtube', video.videoId), video.videoKey)
  })

  it('should skip the chat stage with the reason when a YouTube video has no chat replay', async () => {
    const { bed, video, job } = await crawl('youtube', 's0020000abc', [])
    expect(job.stages.chat.status).toBe('skipped')
    expect(job.stages.chat.error?.code).toBe('PLATFORM_CHAT_UNAVAILABLE')
    const signal = await bed.collections.signal.findOne({ _id: video.videoKey })
    expect(signal).toMatchObject({ status: 'skipped', messageCount: 0 })
    const videoDoc = await bed.mongo.db
      .collection(COLLECTIONS.videos)
      .findOne({ _id: video.videoKey as never })
    expect(videoDoc?.chat).toMatchObject({ status: 'skipped', messageCount: 0 })
    expect(videoDoc?.chat.reason).toMatch(/no chat replay/)
  })
})
