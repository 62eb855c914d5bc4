import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { countChatMessages, readChatMessages } from '../src/store/chat-batches.js'
import { kill, spawnReplica } from './support/child-replica.js'
import { expectedMessages, startUpstreams, videoFromTruth } from './support/sim.js'
import { createTestBed, eventually, type TestBed } from './support/test-bed.js'

describe('a chunk worker killed mid-crawl', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('should leave the job to complete elsewhere with no missing and no duplicate messages', async () => {
    // Latency keeps each chunk in flight long enough that the kill lands mid-chunk.
    const upstreams = await startUpstreams({ latencyMs: 150 })
    cleanups.push(upstreams.close)
    const bed: TestBed = await createTestBed()
    cleanups.push(bed.close)

    // The chunk worker that dies: the real main in a process of its own, chunks only.
    const doomed = spawnReplica({
      TOPIC_PREFIX: bed.infra.topicPrefix,
      MONGO_DB: bed.mongo.db.databaseName,
      VODSCOPE_UPSTREAM_URL: upstreams.sim.url,
      VODSCOPE_UPSTREAM_RATE_PER_SEC: '1000',
      VODSCOPE_CHAT_ROLE: 'chunks',
      VODSCOPE_CHAT_CHUNKS_CONCURRENCY: '4',
    })
    cleanups.push(() => kill(doomed.child))
    // The survivor plans; it joins the chunk group only after the kill.
    await bed.startReplica(upstreams.platforms, { env: { VODSCOPE_CHAT_ROLE: 'planner' } })

    const videoId = '770060100' // one hour, 100 messages a minute: 30 chunks
    const video = videoFromTruth(upstreams.sim.truth('twitch', videoId), `job_${randomUUID().slice(0, 12)}`)
    await bed.submit(video)
    const progress = await eventually(async () => {
      const done = (await bed.job(video.jobId))?.stages.chat.progress.done ?? 0
      return done >= 4 ? done : undefined
    }, 90_000)
    const stored = await countChatMessages(bed.collections.batches, video.videoKey)
    await kill(doomed.child)
    expect(progress).toBeLessThan(30)

    await bed.startReplica(upstreams.platforms)
    const job = await bed.chatEnded(video.jobId, 180_000)
    expect(job.stages.chat.status).toBe('done')
    expect(job.stages.chat.progress).toEqual({ done: 30, total: 30 })

    const expected = expectedMessages(upstreams.sim, 'twitch', videoId)
    const ids = (await readChatMessages(bed.collections.batches, video.videoKey)).map((m) => ({
      _id: `twitch:${m.id}`,
      offsetMs: m.offsetMs,
    }))
    expect(stored).toBeGreaterThan(0) // the dead worker had written some before it died
    expect(ids.length).toBe(expected.size)
    expect(new Set(ids.map((m) => m._id)).size).toBe(ids.length)
    expect(ids.filter((m) => expected.get(m._id) !== m.offsetMs)).toEqual([])
    const stats = await bed.collections.stats.find({ videoKey: video.videoKey }).toArray()
    expect(stats.reduce((sum, s) => sum + s.messageCount, 0)).toBe(expected.size)
  }, 300_000)
})
