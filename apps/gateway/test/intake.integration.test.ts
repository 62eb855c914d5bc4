import { describe, expect, it } from 'vitest'
import { buildReal, countMessages, decodeLink, isolatedInfra, readTopic } from './integration.js'

const link = (n: number) => `https://www.twitch.tv/videos/${n}`

describe('intake against Kafka and the MongoDB-compatible server', () => {
  it('should put one valid message per accepted video on the links topic, keyed by videoKey', async () => {
    const infra = await isolatedInfra()
    const app = await buildReal(infra)
    const res = await app.inject({
      method: 'POST',
      url: '/v1/links',
      payload: { links: [link(1), 'https://youtu.be/dQw4w9WgXcQ', link(1), 'https://example.com/videos/3'] },
    })
    expect(res.statusCode).toBe(202)
    const body = res.json()
    expect(body).toMatchObject({ accepted: 3, rejected: 1 })

    const messages = await readTopic(infra.kafka, infra.topics.links, 2)
    expect(messages).toHaveLength(2)
    const byKey = new Map(messages.map((m) => [String(m.key), decodeLink(m)]))
    expect([...byKey.keys()].sort()).toEqual(['twitch:1', 'youtube:dQw4w9WgXcQ'])
    expect(byKey.get('twitch:1')).toMatchObject({
      version: 1,
      jobId: body.results[0].jobId,
      platform: 'twitch',
      force: false,
    })
  })

  it('should record the job so GET answers right after the POST, and not queue the same video twice', async () => {
    const infra = await isolatedInfra()
    // Dedupe is what is tested here, not the intake deadline: give a busy server time to answer.
    const app = await buildReal(infra, { INTAKE_DB_TIMEOUT_MS: '5000' })
    const first = (
      await app.inject({ method: 'POST', url: '/v1/links', payload: { links: [link(7)] } })
    ).json().results[0]

    const job = await app.inject(`/v1/jobs/${first.jobId}`)
    expect(job.statusCode).toBe(200)
    expect(job.json()).toMatchObject({ jobId: first.jobId, videoKey: 'twitch:7', finished: false })
    expect(job.json().stages.metadata.status).toBe('queued')

    const again = (
      await app.inject({ method: 'POST', url: '/v1/links', payload: { links: [link(7)] } })
    ).json().results[0]
    expect(again).toMatchObject({ jobId: first.jobId, created: false })
    const forced = (
      await app.inject({ method: 'POST', url: '/v1/links', payload: { links: [link(7)], force: true } })
    ).json().results[0]
    expect(forced.jobId).not.toBe(first.jobId)
    // The video's newest job is now the forced one: a plain submit reuses it (latest_jobs moved on).
    const afterForce = (
      await app.inject({ method: 'POST', url: '/v1/links', payload: { links: [link(7)] } })
    ).json().results[0]
    expect(afterForce).toMatchObject({ jobId: forced.jobId, created: false })

    const messages = await readTopic(infra.kafka, infra.topics.links, 2)
    expect(messages.map((m) => [decodeLink(m).jobId, decodeLink(m).force])).toEqual([
      [first.jobId, false],
      [forced.jobId, true],
    ])
    expect(await countMessages(infra.admin, infra.topics.links)).toBe(2)
    expect((await app.inject(`/v1/jobs/${forced.jobId}`)).statusCode).toBe(200)
  })

  it('should acknowledge 300 concurrent requests with every message on the topic and far fewer broker round trips', async () => {
    const infra = await isolatedInfra()
    const app = await buildReal(infra, { RATE_LIMIT_PER_SEC: '0' })
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        app.inject({ method: 'POST', url: '/v1/links', payload: { links: [link(1000 + i)] } }),
      ),
    )
    expect(responses.map((r) => r.statusCode)).toEqual(Array(300).fill(202))
    expect(await countMessages(infra.admin, infra.topics.links)).toBe(300)
    const keys = new Set((await readTopic(infra.kafka, infra.topics.links, 300)).map((m) => String(m.key)))
    expect(keys.size).toBe(300)

    const metrics = (await app.inject('/metrics')).body
    const sends = Number(/kafka_produce_batch_messages_count (\d+)/.exec(metrics)?.[1])
    expect(sends).toBeGreaterThan(0)
    expect(sends).toBeLessThan(150)
  })

  it('should take links within the database timeout, with the video-derived job id, while MongoDB is unreachable', async () => {
    const infra = await isolatedInfra()
    // Nothing listens on port 9 (discard) on loopback: connections are refused or time out.
    const app = await buildReal(infra, { MONGO_URL: 'mongodb://127.0.0.1:9', DB_TIMEOUT_MS: '300' })
    const started = Date.now()
    const res = await app.inject({ method: 'POST', url: '/v1/links', payload: { links: [link(99)] } })
    expect(res.statusCode).toBe(202)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(await countMessages(infra.admin, infra.topics.links)).toBe(1)

    // The job could not be stored: reading it needs the database, whichever job it is (the
    // extractor records it when it takes the message).
    const job = await app.inject(`/v1/jobs/${res.json().results[0].jobId}`)
    expect(job.statusCode).toBe(503)
    expect(job.json().code).toBe('DATABASE_UNAVAILABLE')
    const ready = await app.inject('/readyz')
    expect(ready.statusCode).toBe(503)
    expect(ready.json().checks).toMatchObject({ kafka: { ok: true }, mongo: { ok: false } })
  })

  it('should report ready when Kafka, the links topic and MongoDB are reachable', async () => {
    const infra = await isolatedInfra()
    const app = await buildReal(infra)
    const res = await app.inject('/readyz')
    expect(res.json()).toEqual({ status: 'ready', checks: { kafka: { ok: true }, mongo: { ok: true } } })
  })
})
