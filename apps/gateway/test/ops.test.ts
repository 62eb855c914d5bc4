import { describe, expect, it } from 'vitest'
import { buildWithFakes } from './helper.js'

describe('health, readiness, metrics and docs', () => {
  it('should answer /healthz without looking at dependencies', async () => {
    const { app, readiness } = await buildWithFakes()
    readiness.kafka = false
    const res = await app.inject('/healthz')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('should answer /readyz 200 when Kafka and MongoDB are reachable, 503 naming the failing one otherwise', async () => {
    const { app, readiness } = await buildWithFakes()
    expect((await app.inject('/readyz')).json()).toEqual({
      status: 'ready',
      checks: { kafka: { ok: true }, mongo: { ok: true } },
    })
    readiness.mongo = false
    const res = await app.inject('/readyz')
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({
      status: 'unavailable',
      checks: { kafka: { ok: true }, mongo: { ok: false, error: 'mongo down' } },
    })
  })

  it('should expose request counts and latency by route pattern and status in Prometheus text', async () => {
    const { app } = await buildWithFakes()
    await app.inject({
      method: 'POST',
      url: '/v1/links',
      payload: { links: ['https://www.twitch.tv/videos/1'] },
    })
    await app.inject('/v1/jobs/unknown')
    const res = await app.inject('/metrics')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/plain')
    expect(res.body).toContain('http_requests_total{route="/v1/links",method="POST",status="202"} 1')
    expect(res.body).toContain('http_requests_total{route="/v1/jobs/:jobId",method="GET",status="404"} 1')
    expect(res.body).toContain('http_request_duration_seconds_bucket{le="0.05",route="/v1/links"')
    expect(res.body).toContain('kafka_produce_duration_seconds')
    expect(res.body).toContain('kafka_produce_batch_messages')
    expect(res.body).toContain('links_total{outcome="queued"} 1')
  })

  it('should serve the OpenAPI document at /openapi.json and the UI at /docs', async () => {
    const { app } = await buildWithFakes()
    const spec = (await app.inject('/openapi.json')).json()
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/links',
        '/v1/jobs/{jobId}',
        '/v1/jobs/{jobId}/events',
        '/v1/videos/{videoKey}',
        '/v1/videos/{videoKey}/highlights',
        '/healthz',
        '/readyz',
        '/metrics',
      ]),
    )
    const post = spec.paths['/v1/links'].post
    expect(post.requestBody.content['application/json'].schema.additionalProperties).toBe(false)
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['202', '400', '401', '413', '415', '422', '429', '500', '503']),
    )
    const docs = await app.inject('/docs/')
    expect(docs.statusCode).toBe(200)
    expect(docs.headers['content-type']).toContain('text/html')
  })

  it('should document a success response for every route, and the error body for every /v1 route', async () => {
    const { app } = await buildWithFakes()
    const spec = (await app.inject('/openapi.json')).json()
    for (const [path, methods] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(
      spec.paths,
    )) {
      for (const [method, op] of Object.entries(methods)) {
        const statuses = Object.keys(op.responses)
        expect(
          statuses.some((s) => s.startsWith('2')),
          `${method} ${path}`,
        ).toBe(true)
        if (path.startsWith('/v1/'))
          expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429', '500']))
      }
    }
  })
})
