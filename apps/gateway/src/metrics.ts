import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/**
 * The gateway's Prometheus metrics, on a registry of its own so several app instances (tests, the
 * benchmark's side-by-side gateways) never share counters.
 */
export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route, method and status code.',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route, method and status code.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    produceDuration: new Histogram({
      name: 'kafka_produce_duration_seconds',
      help: 'Time from sendBatch to the broker acknowledgement (acks = all), by outcome.',
      labelNames: ['outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    produceBatchSize: new Histogram({
      name: 'kafka_produce_batch_messages',
      help: 'Messages per broker round trip.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
      registers: [registry],
    }),
    links: new Counter({
      name: 'links_total',
      help: 'Submitted links by outcome: queued (produced), existing (job already known), rejected.',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    intakeStep: new Histogram({
      name: 'intake_step_duration_seconds',
      help: 'Time a POST /v1/links request waits in each intake step: lookup (newest jobs), produce (broker ack), record (jobs stored), queueing included.',
      labelNames: ['step'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    dbDegraded: new Counter({
      name: 'intake_database_skipped_total',
      help: 'Intake steps that went ahead without MongoDB because it did not answer in time.',
      labelNames: ['step'] as const,
      registers: [registry],
    }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>
