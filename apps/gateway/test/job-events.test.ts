import http from 'node:http'
import type { JobEventV1 } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { jobDoc } from './fixtures.js'
import { buildWithFakes } from './helper.js'

function event(
  stage: JobEventV1['stage'],
  status: JobEventV1['status'],
  extra: Partial<JobEventV1> = {},
): JobEventV1 {
  return {
    version: 1,
    jobId: 'job1',
    videoKey: 'twitch:42',
    platform: 'twitch',
    videoId: '42',
    stage,
    status,
    at: '2026-01-02T03:05:00.000Z',
    ...extra,
  }
}

/** Parses an SSE body into `{ event, data }` frames (comments dropped). */
function frames(body: string): Array<{ event: string; data: unknown }> {
  return body
    .split('\n\n')
    .filter((chunk) => chunk.startsWith('event:'))
    .map((chunk) => {
      const [eventLine, dataLine] = chunk.split('\n')
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) }
    })
}

/** Waits until the route has subscribed (it subscribes before reading the snapshot). */
async function subscribed(hub: { size: number }) {
  while (hub.size === 0) await new Promise((r) => setImmediate(r))
}

describe('GET /v1/jobs/:jobId/events', () => {
  it('should stream the current state, then each change, and end when every stage has ended', async () => {
    const { app, jobs, jobEvents } = await buildWithFakes()
    jobs.docs.set('job1', jobDoc())
    const response = app.inject('/v1/jobs/job1/events')
    await subscribed(jobEvents)
    await new Promise((r) => setTimeout(r, 10))
    jobEvents.dispatch(event('metadata', 'running'))
    jobEvents.dispatch({ ...event('metadata', 'done'), jobId: 'someone-else' })
    jobEvents.dispatch(event('metadata', 'done'))
    jobEvents.dispatch(event('chat', 'running', { progress: { done: 1, total: 4 } }))
    jobEvents.dispatch(event('chat', 'done', { progress: { done: 4, total: 4 } }))
    jobEvents.dispatch(event('audio', 'skipped'))
    jobEvents.dispatch(event('highlights', 'done'))

    const res = await response
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/event-stream')
    const got = frames(res.body)
    expect(got.map((f) => f.event)).toEqual([
      'snapshot',
      'progress',
      'progress',
      'progress',
      'progress',
      'progress',
      'progress',
      'end',
    ])
    expect(got[0]!.data).toMatchObject({ jobId: 'job1', finished: false })
    expect(got[3]!.data).toMatchObject({ stage: 'chat', progress: { done: 1, total: 4 } })
    expect(got.at(-1)!.data).toMatchObject({
      finished: true,
      stages: { chat: { status: 'done', progress: { done: 4, total: 4 } }, audio: { status: 'skipped' } },
    })
    expect(jobEvents.size).toBe(0)
  })

  it('should send the snapshot and end at once for a job that has already finished', async () => {
    const { app, jobs, jobEvents } = await buildWithFakes()
    const doc = jobDoc()
    for (const stage of Object.values(doc.stages)) stage.status = 'done'
    jobs.docs.set('job1', doc)
    const res = await app.inject('/v1/jobs/job1/events')
    expect(frames(res.body).map((f) => f.event)).toEqual(['snapshot', 'end'])
    expect(jobEvents.size).toBe(0)
  })

  it('should end open streams when the gateway shuts down', async () => {
    const { app, jobs, jobEvents } = await buildWithFakes()
    jobs.docs.set('job1', jobDoc())
    const response = app.inject('/v1/jobs/job1/events')
    await subscribed(jobEvents)
    await new Promise((r) => setTimeout(r, 10))
    jobEvents.close()
    expect(frames((await response).body).map((f) => f.event)).toEqual(['snapshot'])
  })

  it('should stop following the job when the client goes away', async () => {
    const { app, jobs, jobEvents } = await buildWithFakes()
    jobs.docs.set('job1', jobDoc())
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const request = http.get(`${address}/v1/jobs/job1/events`)
    const response = await new Promise<http.IncomingMessage>((resolve) => request.on('response', resolve))
    expect(response.statusCode).toBe(200)
    expect(jobEvents.size).toBe(1)
    request.destroy()
    const deadline = Date.now() + 5_000
    while (jobEvents.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    expect(jobEvents.size).toBe(0)
  })

  it('should answer 404 for an unknown job and 503 when MongoDB is down, leaving no subscription behind', async () => {
    const { app, jobs, jobEvents } = await buildWithFakes()
    expect((await app.inject('/v1/jobs/nope/events')).json().code).toBe('JOB_NOT_FOUND')
    jobs.down = true
    expect((await app.inject('/v1/jobs/job1/events')).statusCode).toBe(503)
    expect(jobEvents.size).toBe(0)
  })
})
