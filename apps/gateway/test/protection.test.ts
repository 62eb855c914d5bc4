import { bypassProbes, CHAOS_ALLOWED_HOST, CHAOS_API_KEY } from '@vodscope/runner/chaos'
import { describe, expect, it } from 'vitest'
import { buildWithFakes } from './helper.js'

const KEY = 'k'.repeat(24)
const body = { links: ['https://www.twitch.tv/videos/1'] }

describe('protection', () => {
  it('should answer 401 without a valid API key when API_KEYS is set, and accept x-api-key or Bearer', async () => {
    const { app } = await buildWithFakes({ API_KEYS: `other-key-0123456789,${KEY}` })
    const missing = await app.inject({ method: 'POST', url: '/v1/links', payload: body })
    expect(missing.statusCode).toBe(401)
    expect(missing.json()).toEqual({ code: 'UNAUTHORIZED', message: 'An API key is required.' })
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/links',
      payload: body,
      headers: { 'x-api-key': 'x'.repeat(24) },
    })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().message).toBe('The API key is not valid.')
    expect(
      (await app.inject({ method: 'POST', url: '/v1/links', payload: body, headers: { 'x-api-key': KEY } }))
        .statusCode,
    ).toBe(202)
    expect(
      (await app.inject({ url: '/v1/jobs/x', headers: { authorization: `Bearer ${KEY}` } })).statusCode,
    ).toBe(404)
    // Probes stay open for the orchestrator.
    expect((await app.inject('/healthz')).statusCode).toBe(200)
  })

  it('should answer 429 RATE_LIMITED with Retry-After past the per-client limit, and exempt the probes', async () => {
    const { app } = await buildWithFakes({ RATE_LIMIT_PER_SEC: '3' })
    const codes = []
    for (let i = 0; i < 4; i++) codes.push((await app.inject('/v1/jobs/x')).statusCode)
    expect(codes).toEqual([404, 404, 404, 429])
    const limited = await app.inject('/v1/jobs/x')
    expect(limited.json().code).toBe('RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await app.inject('/healthz')).statusCode).toBe(200)
  })

  it('should let one client send 100 requests in a second with the default limit', async () => {
    const { app } = await buildWithFakes()
    const results = await Promise.all(Array.from({ length: 150 }, () => app.inject('/v1/jobs/x')))
    expect(results.every((r) => r.statusCode === 404)).toBe(true)
  })

  it('should never put a stack trace in a response', async () => {
    const { app, linkQueue } = await buildWithFakes()
    linkQueue.publish = async () => {
      throw new Error('kaboom at secret/path.ts:12')
    }
    const res = await app.inject({ method: 'POST', url: '/v1/links', payload: body })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.' })
    expect(res.body).not.toContain('kaboom')
  })

  it('should send no CORS headers', async () => {
    const { app } = await buildWithFakes()
    const res = await app.inject({ url: '/v1/jobs/x', headers: { origin: 'https://elsewhere.example' } })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/links',
      headers: { origin: 'https://elsewhere.example' },
    })
    expect(preflight.statusCode).toBe(404)
  })

  it('should answer NOT_FOUND in the error shape for an unknown route', async () => {
    const { app } = await buildWithFakes()
    expect((await app.inject('/v2/anything?x=1')).json()).toEqual({
      code: 'NOT_FOUND',
      message: 'No route for GET /v2/anything.',
    })
  })
})

describe('protection against encoded paths', () => {
  it('should decide the API key from the matched route, so percent-encoded /v1 paths still answer 401', async () => {
    const { app } = await buildWithFakes({ API_KEYS: KEY })
    const encoded = [
      { method: 'POST', url: '/%761/links', payload: body },
      { method: 'GET', url: '/%76%31/ops/dead-letters' },
      { method: 'GET', url: '/%761/jobs/x' },
      { method: 'POST', url: '/%761/ops/dead-letters/replay', payload: { group: 'g', all: true } },
    ] as const
    for (const request of encoded) {
      const res = await app.inject(request)
      expect(res.statusCode, request.url).toBe(401)
    }
  })
})

describe('protection against other sites (DNS rebinding) and the network', () => {
  it('should answer 403 HOST_NOT_ALLOWED for a Host that is not localhost, the bound address or configured', async () => {
    const { app } = await buildWithFakes({ ALLOWED_HOSTS: 'vodscope.example' })
    const post = (host: string) =>
      app.inject({ method: 'POST', url: '/v1/links', payload: body, headers: { host } })
    const rebound = await post('attacker.example:3000')
    expect(rebound.statusCode).toBe(403)
    expect(rebound.json().code).toBe('HOST_NOT_ALLOWED')
    expect((await app.inject({ url: '/ops', headers: { host: 'attacker.example' } })).statusCode).toBe(403)
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'VODSCOPE.example']) {
      expect((await post(host)).statusCode, host).toBe(202)
    }
    // Orchestrators probe with whatever name they have.
    expect((await app.inject({ url: '/healthz', headers: { host: '10.1.2.3:3000' } })).statusCode).toBe(200)
  })

  it('should accept any Host when ALLOWED_HOSTS is *', async () => {
    const { app } = await buildWithFakes({ ALLOWED_HOSTS: '*' })
    const res = await app.inject({ url: '/v1/jobs/x', headers: { host: 'anything.example' } })
    expect(res.statusCode).toBe(404)
  })

  it('should refuse replaying dead letters without API_KEYS when listening beyond loopback', async () => {
    const { app } = await buildWithFakes({ HOST: '0.0.0.0' })
    const res = await app.inject({
      method: 'POST',
      url: '/v1/ops/dead-letters/replay',
      payload: { group: 'extractor', all: true },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('OPERATOR_KEY_REQUIRED')
    // Reads stay open; only the mutating endpoint needs a key.
    expect((await app.inject({ method: 'POST', url: '/v1/links', payload: body })).statusCode).toBe(202)
  })

  it('should limit force: true links per client per minute with 429 and Retry-After', async () => {
    const { app } = await buildWithFakes({ FORCE_PER_MIN: '3' })
    const force = (n: number) =>
      app.inject({
        method: 'POST',
        url: '/v1/links',
        payload: {
          links: Array.from({ length: n }, (_, i) => `https://www.twitch.tv/videos/${i + 1}`),
          force: true,
        },
      })
    expect((await force(2)).statusCode).toBe(202)
    const over = await force(2)
    expect(over.statusCode).toBe(429)
    expect(over.json().code).toBe('RATE_LIMITED')
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(1)
    expect((await force(1)).statusCode).toBe(202)
    expect((await app.inject({ method: 'POST', url: '/v1/links', payload: body })).statusCode).toBe(202)
  })
})

describe('the chaos suite’s bypass probes', () => {
  it('should refuse every probe with the status it must get', async () => {
    const { app } = await buildWithFakes({ API_KEYS: CHAOS_API_KEY, ALLOWED_HOSTS: CHAOS_ALLOWED_HOST })
    for (const probe of bypassProbes()) {
      const res = await app.inject({
        method: probe.method as 'GET' | 'POST',
        url: probe.path,
        headers: probe.headers,
        ...(probe.body === undefined ? {} : { payload: probe.body }),
      })
      expect(res.statusCode, probe.name).toBe(probe.expect)
    }
  })
})
