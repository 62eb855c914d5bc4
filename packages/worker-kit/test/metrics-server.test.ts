import { Registry } from 'prom-client'
import { afterEach, describe, expect, it } from 'vitest'
import { type MetricsServer, startMetricsServer, workerMetrics } from '../src/index.js'

let server: MetricsServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('metrics server', () => {
  it('should serve Prometheus text on /metrics and the health report on /healthz', async () => {
    const registry = new Registry()
    workerMetrics(registry).processed.inc({ worker: 'w', topic: 't' }, 3)
    let ok = true
    server = await startMetricsServer({
      port: 0,
      host: '127.0.0.1',
      registry,
      health: () => ({ ok, workers: [{ name: 'w', ok, state: ok ? 'consuming' : 'crashed' }] }),
    })
    const base = `http://127.0.0.1:${server.port}`

    const metrics = await fetch(`${base}/metrics`)
    expect(metrics.status).toBe(200)
    expect(await metrics.text()).toContain('vodscope_worker_processed_total{worker="w",topic="t"} 3')

    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    ok = false
    const unhealthy = await fetch(`${base}/healthz`)
    expect(unhealthy.status).toBe(503)
    expect(await unhealthy.json()).toMatchObject({ ok: false, workers: [{ state: 'crashed' }] })
    expect((await fetch(`${base}/other`)).status).toBe(404)
  })

  it('should register the worker metrics once per registry', () => {
    const registry = new Registry()
    expect(workerMetrics(registry)).toBe(workerMetrics(registry))
    expect(workerMetrics(new Registry())).not.toBe(workerMetrics(registry))
  })
})
