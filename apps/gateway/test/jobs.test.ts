import { emptyStage } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { jobDoc } from './fixtures.js'
import { buildWithFakes } from './helper.js'

describe('GET /v1/jobs/:jobId', () => {
  it('should return every stage with status, progress, error and times', async () => {
    const { app, jobs } = await buildWithFakes()
    const doc = jobDoc()
    doc.stages.metadata = {
      ...emptyStage(),
      status: 'done',
      attempts: 1,
      startedAt: new Date('2026-01-02T03:04:06.000Z'),
      finishedAt: new Date('2026-01-02T03:04:07.000Z'),
    }
    doc.stages.chat = {
      ...emptyStage(),
      status: 'failed',
      progress: { done: 3, total: 10 },
      error: { code: 'UPSTREAM_GONE', message: 'chat replay deleted' },
    }
    jobs.docs.set(doc._id, doc)

    const res = await app.inject('/v1/jobs/job1')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      jobId: 'job1',
      videoKey: 'twitch:42',
      platform: 'twitch',
      finished: false,
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:05.000Z',
      stages: {
        metadata: {
          status: 'done',
          progress: { done: 0, total: 0 },
          error: null,
          attempts: 1,
          startedAt: '2026-01-02T03:04:06.000Z',
          finishedAt: '2026-01-02T03:04:07.000Z',
        },
        chat: {
          status: 'failed',
          progress: { done: 3, total: 10 },
          error: { code: 'UPSTREAM_GONE', message: 'chat replay deleted' },
          attempts: 0,
          startedAt: null,
          finishedAt: null,
        },
        audio: expect.objectContaining({ status: 'queued' }),
        highlights: expect.objectContaining({ status: 'queued' }),
      },
    })
  })

  it('should answer 404 JOB_NOT_FOUND for an unknown job', async () => {
    const { app } = await buildWithFakes()
    const res = await app.inject('/v1/jobs/nope')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'JOB_NOT_FOUND', message: 'No job has the id "nope".' })
  })

  it('should answer 400 for a job id that cannot exist', async () => {
    const { app } = await buildWithFakes()
    const res = await app.inject('/v1/jobs/has.dots')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { context: 'params' } })
  })

  it('should answer 503 DATABASE_UNAVAILABLE with Retry-After when MongoDB does not answer', async () => {
    const { app, jobs } = await buildWithFakes()
    jobs.down = true
    const res = await app.inject('/v1/jobs/job1')
    expect(res.statusCode).toBe(503)
    expect(res.json().code).toBe('DATABASE_UNAVAILABLE')
    expect(res.headers['retry-after']).toBeDefined()
  })
})
