import { COLLECTIONS, type JobDocument, newJobDocument } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { createJobStages, createProducer, type JobRef, WorkerError } from '../src/index.js'
import { createTestTopics, testKafka } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'
import { readMessages } from './support/read-topic.js'

const ref: JobRef = { jobId: 'job-1', videoKey: 'twitch:123', platform: 'twitch', videoId: '123' }

async function setup() {
  const kafka = testKafka()
  const t = await createTestTopics(kafka, 1)
  const mongo = await testDatabase()
  const producer = createProducer(kafka)
  await producer.connect()
  const jobs = mongo.db.collection<JobDocument>(COLLECTIONS.jobs)
  await jobs.insertOne(newJobDocument(ref, false, new Date()))
  const stages = createJobStages({ db: mongo.db, producer, topic: t.topic })
  return { kafka, t, jobs, stages, close: () => producer.disconnect() }
}

describe('job stages', () => {
  it('should claim, finish, and acknowledge a redelivery of a finished stage without a second claim', async () => {
    const { kafka, t, jobs, stages, close } = await setup()
    try {
      expect(await stages.claim(ref, 'metadata')).toEqual({ claimed: true, attempts: 1 })
      expect(await stages.finish(ref, 'metadata', { done: 1, total: 1 })).toBe(true)
      expect(await stages.claim(ref, 'metadata')).toEqual({ claimed: false, status: 'done' })
      expect(await stages.finish(ref, 'metadata')).toBe(false)

      const doc = await jobs.findOne({ _id: ref.jobId })
      expect(doc?.stages.metadata).toMatchObject({
        status: 'done',
        attempts: 1,
        progress: { done: 1, total: 1 },
      })
      const events = await readMessages(kafka, t.topic, 2)
      expect(events.map((e) => e.key)).toEqual([ref.jobId, ref.jobId])
      expect(events.map((e) => e.value)).toMatchObject([
        { ...ref, version: 1, stage: 'metadata', status: 'running' },
        { ...ref, version: 1, stage: 'metadata', status: 'done', progress: { done: 1, total: 1 } },
      ])
    } finally {
      await close()
    }
  })

  it('should let a failed stage be claimed again, keep progress monotonic, and skip with a reason', async () => {
    const { jobs, stages, close } = await setup()
    try {
      await stages.claim(ref, 'chat')
      expect(await stages.fail(ref, 'chat', { code: 'UPSTREAM_GONE', message: 'gone' })).toBe(true)
      expect(await stages.claim(ref, 'chat')).toEqual({ claimed: true, attempts: 2 })
      expect(await stages.progress(ref, 'chat', { done: 5, total: 10 })).toBe(true)
      expect(await stages.progress(ref, 'chat', { done: 3, total: 10 })).toBe(false)
      expect(await stages.skip(ref, 'audio', { code: 'NO_AUDIO', message: 'no audio track' })).toBe(true)
      const doc = await jobs.findOne({ _id: ref.jobId })
      expect(doc?.stages.chat).toMatchObject({
        status: 'running',
        error: null,
        progress: { done: 5, total: 10 },
      })
      expect(doc?.stages.audio).toMatchObject({ status: 'skipped', error: { code: 'NO_AUDIO' } })
      expect(await stages.claim(ref, 'audio')).toEqual({ claimed: false, status: 'skipped' })
    } finally {
      await close()
    }
  })

  it('should refuse, without retry, a job that has no document', async () => {
    const { stages, close } = await setup()
    try {
      const missing = { ...ref, jobId: 'nobody' }
      await expect(stages.claim(missing, 'chat')).rejects.toMatchObject({
        code: 'WORKER_JOB_NOT_FOUND',
        retryable: false,
      })
      await expect(stages.finish(missing, 'chat')).rejects.toBeInstanceOf(WorkerError)
    } finally {
      await close()
    }
  })

  it('should lose no update when two stages of one job change at the same time', async () => {
    const { jobs, stages, close } = await setup()
    try {
      await Promise.all([stages.claim(ref, 'chat'), stages.claim(ref, 'audio')])
      const steps = Array.from({ length: 6 }, (_, i) => i + 1)
      await Promise.all([
        ...steps.map((done) => stages.progress(ref, 'chat', { done, total: 6 })),
        ...steps.map((done) => stages.progress(ref, 'audio', { done, total: 6 })),
      ])
      await Promise.all([stages.finish(ref, 'chat'), stages.finish(ref, 'audio')])
      const doc = await jobs.findOne({ _id: ref.jobId })
      expect(doc?.stages.chat).toMatchObject({ status: 'done', attempts: 1, progress: { done: 6, total: 6 } })
      expect(doc?.stages.audio).toMatchObject({
        status: 'done',
        attempts: 1,
        progress: { done: 6, total: 6 },
      })
    } finally {
      await close()
    }
  })
})
