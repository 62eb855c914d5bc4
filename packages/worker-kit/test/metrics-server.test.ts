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
    const metrics = workerMetrics(registry)
    metrics.processedCounts.set('w|t', { labels: { worker: 'w', topic: 't' }, n: 3 })
    const ok = metrics.handlerSeconds.series({ worker: 'w', outcome: 'ok' })
    ok.observe(0.0005)
    ok.observe(0.2)
    metrics.inFlightReaders.set('w', () => 2)
    let healthy = true
    server = await startMetricsServer({
      port: 0,
      host: '127.0.0.1',
      registry,
      health: () => ({
        ok: healthy,
        workers: [{ name: 'w', ok: healthy, state: healthy ? 'consuming' : 'crashed' }],
      }),
    })
    const base = `http://127.0.0.1:${server.port}`

    const response = await fetch(`${base}/metrics`)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).toContain('vodscope_worker_processed_total{worker="w",topic="t"} 3')
    expect(text).toContain('vodscope_worker_in_flight{worker="w"} 2')
    expect(text).toContain('# TYPE vodscope_worker_handler_duration_seconds histogram')
    expect(text).toContain(
      'vodscope_worker_handler_duration_seconds_bucket{worker="w",outcome="ok",le="0.001"} 1',
    )
    expect(text).toContain(
      'vodscope_worker_handler_duration_seconds_bucket{worker="w",outcome="ok",le="0.5"} 2',
    )
    expect(text).toContain(
      'vodscope_worker_handler_duration_seconds_bucket{worker="w",outcome="ok",le="+Inf"} 2',
    )
    expect(text).toContain('vodscope_worker_handler_duration_seconds_count{worker="w",outcome="ok"} 2')

    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    healthy = false
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
