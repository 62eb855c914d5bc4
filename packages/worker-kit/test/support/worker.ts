import type { Kafka } from 'kafkajs'
import { type Logger, pino } from 'pino'
import { Registry } from 'prom-client'
import { onTestFinished } from 'vitest'
import { createLogger, createWorker, type Handler, type Worker, type WorkerOptions } from '../../src/index.js'
import type { TestTopics } from './kafka.js'
import { TestMessage } from './schema.js'

export const silent = createLogger('test', process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent')

/** A started worker on the test's topics, stopped when the test finishes. */
export async function startTestWorker(
  kafka: Kafka,
  topics: TestTopics,
  handle: Handler<TestMessage>,
  extra: Partial<WorkerOptions<typeof TestMessage>> = {},
): Promise<{ worker: Worker; registry: Registry }> {
  const registry = extra.registry ?? new Registry()
  const worker = createWorker({
    name: 'test-worker',
    kafka,
    group: topics.group,
    topic: topics.topic,
    schema: TestMessage,
    handle,
    log: silent,
    registry,
    ...extra,
    tuning: { commitIntervalMs: 200, ...extra.tuning },
  })
  await worker.start()
  onTestFinished(() => worker.stop({ timeoutMs: 5_000 }))
  return { worker, registry }
}

/** The value of one series of a registry's metric, 0 when absent. */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}) {
  const metric = registry.getSingleMetric(name)
  if (metric === undefined) return 0
  const { values } = await metric.get()
  const match = values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))
  return match?.value ?? 0
}

/** A logger whose JSON lines land in `lines`, to observe what the worker reports. */
export function capturingLogger(): { log: Logger; lines: { msg: string; [field: string]: unknown }[] } {
  const lines: { msg: string }[] = []
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) })
  return { log, lines }
}
