import { codecs, TOPICS } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { jobIdFor } from '../src/services/job-id.js'
import { buildWithFakes } from './helper.js'

const TWITCH = 'https://www.twitch.tv/videos/123456'
const YOUTUBE = 'https://youtu.be/dQw4w9WgXcQ'

function post(app: Awaited<ReturnType<typeof buildWithFakes>>['app'], body: unknown) {
  return app.inject({ method: 'POST', url: '/v1/links', payload: body as object })
}

describe('POST /v1/links', () => {
  it('should accept supported links with 202, one job each, and queue a valid message per video', async () => {
    const { app, linkQueue } = await buildWithFakes()
    const res = await post(app, { links: [TWITCH, YOUTUBE] })
    expect(res.statusCode).toBe(202)
    const body = res.json()
    expect(body).toMatchObject({ accepted: 2, rejected: 0 })
    expect(body.results[0]).toEqual({
      link: TWITCH,
      status: 'accepted',
      jobId: jobIdFor('twitch:123456'),
      videoKey: 'twitch:123456',
      platform: 'twitch',
      created: true,
    })
    expect(linkQueue.published.map((m) => m.videoKey)).toEqual(['twitch:123456', 'youtube:dQw4w9WgXcQ'])
    for (const message of linkQueue.published) expect(() => codecs[TOPICS.links].check(message)).not.toThrow()
  })

  it('should answer each link on its own when some are rejected', async () => {
    const { app, linkQueue } = await buildWithFakes()
    const res = await post(app, { links: [TWITCH, 'https://evil.example/videos/1', 'not a url at all'] })
    expect(res.statusCode).toBe(202)
    const body = res.json()
    expect(body).toMatchObject({ accepted: 1, rejected: 2 })
    expect(body.results[1]).toMatchObject({ status: 'rejected', reason: 'host_not_allowed' })
    expect(body.results[1].message).toMatch(/not a supported platform/)
    expect(body.results[2]).toMatchObject({ status: 'rejected' })
    expect(linkQueue.published).toHaveLength(1)
  })

  it('should answer 422 ALL_LINKS_REJECTED with every reason when no link is usable', async () => {
    const { app, linkQueue } = await buildWithFakes()
    const res = await post(app, { links: ['https://www.twitch.tv/directory', 'ftp://youtu.be/x'] })
    expect(res.statusCode).toBe(422)
    const body = res.json()
    expect(body.code).toBe('ALL_LINKS_REJECTED')
    expect(body.details.results.map((r: { reason: string }) => r.reason)).toEqual([
      'unrecognized_path',
      'unsupported_scheme',
    ])
    expect(linkQueue.published).toHaveLength(0)
  })

  it.each([
    [{}, '/links', 'is required'],
    [{ links: [] }, '/links', 'fewer than 1'],
    [
      { links: Array.from({ length: 101 }, (_, i) => `https://www.twitch.tv/videos/${i + 1}`) },
      '/links',
      'more than 100',
    ],
    [{ links: [42] }, '/links/0', 'must be string'],
    [{ links: [TWITCH], force: 'true' }, '/force', 'must be boolean'],
    [{ links: [TWITCH], priority: 'high' }, '/priority', 'not a known field'],
  ])('should reject a malformed body %j with 400 naming the field', async (payload, field, text) => {
    const { app, linkQueue } = await buildWithFakes()
    const res = await post(app, payload)
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.code).toBe('VALIDATION_FAILED')
    expect(body.message).toContain(`body${field}`)
    expect(body.message).toContain(text)
    expect(body.details.errors[0].field).toBe(field)
    expect(linkQueue.published).toHaveLength(0)
  })

  it('should answer 400 INVALID_JSON for a body that is not JSON', async () => {
    const { app } = await buildWithFakes()
    const res = await app.inject({
      method: 'POST',
      url: '/v1/links',
      headers: { 'content-type': 'application/json' },
      payload: '{"links": [',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('INVALID_JSON')
  })

  it('should answer 415 for a body that is not JSON by content type', async () => {
    const { app } = await buildWithFakes()
    const res = await app.inject({
      method: 'POST',
      url: '/v1/links',
      headers: { 'content-type': 'application/xml' },
      payload: '<links/>',
    })
    expect(res.statusCode).toBe(415)
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('should answer 413 for a body over the limit', async () => {
    const { app } = await buildWithFakes({ BODY_LIMIT_BYTES: '2048' })
    const res = await post(app, { links: [`https://www.twitch.tv/videos/1?pad=${'x'.repeat(2100)}`] })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('BODY_TOO_LARGE')
  })

  it('should queue a video once when a request names it twice', async () => {
    const { app, linkQueue } = await buildWithFakes()
    const res = await post(app, { links: [TWITCH, 'twitch.tv/videos/123456'] })
    const [a, b] = res.json().results
    expect(a.jobId).toBe(b.jobId)
    expect(linkQueue.published).toHaveLength(1)
  })

  it('should return the existing job with created false and queue nothing when the video is submitted again', async () => {
    const { app, linkQueue } = await buildWithFakes()
    const first = (await post(app, { links: [TWITCH] })).json().results[0]
    const again = (await post(app, { links: [TWITCH] })).json().results[0]
    expect(again).toMatchObject({ jobId: first.jobId, created: false })
    expect(linkQueue.published).toHaveLength(1)
  })

  it('should not re-process a finished video unless force is true, and then use a fresh job id', async () => {
    const { app, linkQueue, jobs } = await buildWithFakes()
    const first = (await post(app, { links: [TWITCH] })).json().results[0]
    const doc = jobs.docs.get(first.jobId)!
    for (const stage of Object.values(doc.stages)) stage.status = 'done'

    expect((await post(app, { links: [TWITCH] })).json().results[0]).toMatchObject({
      jobId: first.jobId,
      created: false,
    })
    const forced = (await post(app, { links: [TWITCH], force: true })).json().results[0]
    expect(forced.created).toBe(true)
    expect(forced.jobId).not.toBe(first.jobId)
    expect(linkQueue.published.map((m) => [m.jobId, m.force])).toEqual([
      [first.jobId, false],
      [forced.jobId, true],
    ])
    // The forced job is now the video's newest: a plain resubmission returns it.
    expect((await post(app, { links: [TWITCH] })).json().results[0].jobId).toBe(forced.jobId)
  })

  it('should record each new job as queued so GET /v1/jobs/:jobId answers right away', async () => {
    const { app } = await buildWithFakes()
    const { jobId } = (await post(app, { links: [TWITCH] })).json().results[0]
    const res = await app.inject(`/v1/jobs/${jobId}`)
    expect(res.statusCode).toBe(200)
    expect(res.json().stages.metadata.status).toBe('queued')
  })

  it('should answer 503 BROKER_UNAVAILABLE with Retry-After, and record no job, when Kafka does not acknowledge', async () => {
    const { app, linkQueue, jobs } = await buildWithFakes()
    linkQueue.down = true
    const res = await post(app, { links: [TWITCH] })
    expect(res.statusCode).toBe(503)
    expect(res.json().code).toBe('BROKER_UNAVAILABLE')
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    expect(jobs.docs.size).toBe(0)

    linkQueue.down = false
    expect((await post(app, { links: [TWITCH] })).statusCode).toBe(202)
  })

  it('should still accept links, with the video-derived job id, when MongoDB is down', async () => {
    const { app, linkQueue, jobs } = await buildWithFakes()
    jobs.down = true
    const res = await post(app, { links: [TWITCH] })
    expect(res.statusCode).toBe(202)
    expect(res.json().results[0]).toMatchObject({ jobId: jobIdFor('twitch:123456'), created: true })
    expect(linkQueue.published).toHaveLength(1)
  })
})
