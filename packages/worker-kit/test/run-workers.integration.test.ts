import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createWorker, runWorkers } from '../src/index.js'
import { createTestTopics, infra, produce, testKafka, waitFor } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'
import { TestMessage, testMessage } from './support/schema.js'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('runWorkers', () => {
  it('should serve health and per-partition lag while consuming, and exit 0 after a graceful stop', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 2)
    const db = await testDatabase()
    const port = await freePort()
    let handled = 0
    const exits: number[] = []
    const running = await runWorkers({
      name: 'run-workers-test',
      env: {
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        MONGO_URL: infra.mongoUrl,
        MONGO_DB: db.name,
        VODSCOPE_METRICS_PORT: String(port),
        VODSCOPE_METRICS_HOST: '127.0.0.1',
        VODSCOPE_SHUTDOWN_MS: '3000',
        VODSCOPE_LOG_LEVEL: 'silent',
      },
      exit: (code) => void exits.push(code),
      build: ({ kafka, producer, log, registry }) => [
        createWorker({
          name: 'probe',
          kafka,
          producer,
          log,
          registry,
          group: t.group,
          topic: t.topic,
          schema: TestMessage,
          tuning: { commitIntervalMs: 100 },
          handle: async () => {
            handled++
          },
        }),
      ],
    })
    expect(running.metricsPort).toBe(port)
    await produce(
      kafka,
      t.topic,
      Array.from({ length: 20 }, (_, i) => testMessage(`k${i}`, 0)),
    )
    await waitFor('20 messages', () => handled === 20)

    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({
      ok: true,
      workers: [{ name: 'probe', ok: true, state: 'consuming' }],
    })
    let metrics = ''
    await waitFor('lag 0 on both partitions', async () => {
      metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
      return [0, 1].every((p) =>
        metrics.includes(
          `vodscope_worker_consumer_lag{worker="probe",topic="${t.topic}",partition="${p}"} 0`,
        ),
      )
    })
    expect(metrics).toContain(`vodscope_worker_processed_total{worker="probe",topic="${t.topic}"} 20`)
    expect(metrics).toContain('process_cpu_seconds_total')

    expect(await running.shutdown('test')).toBe(0)
    expect(exits).toEqual([0])
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
  })
})
