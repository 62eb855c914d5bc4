import { Counter, Gauge, Histogram, type Registry } from 'prom-client'

/** The metrics of every worker in a process, labelled by worker name; one set per registry. */
export interface WorkerMetrics {
  processed: Counter<'worker' | 'topic'>
  failed: Counter<'worker' | 'code'>
  retried: Counter<'worker' | 'code'>
  deadLettered: Counter<'worker' | 'code'>
  inFlight: Gauge<'worker'>
  handlerSeconds: Histogram<'worker' | 'outcome'>
  lag: Gauge<'worker' | 'topic' | 'partition'>
}

const byRegistry = new WeakMap<Registry, WorkerMetrics>()

export function workerMetrics(registry: Registry): WorkerMetrics {
  const existing = byRegistry.get(registry)
  if (existing !== undefined) return existing
  const registers = [registry]
  const metrics: WorkerMetrics = {
    processed: new Counter({
      name: 'vodscope_worker_processed_total',
      help: 'Messages whose handler succeeded.',
      labelNames: ['worker', 'topic'],
      registers,
    }),
    failed: new Counter({
      name: 'vodscope_worker_failed_total',
      help: 'Handler failures (each failed attempt), by error code.',
      labelNames: ['worker', 'code'],
      registers,
    }),
    retried: new Counter({
      name: 'vodscope_worker_retried_total',
      help: 'Messages handed to the retry topic.',
      labelNames: ['worker', 'code'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'vodscope_worker_dead_lettered_total',
      help: 'Messages handed to the dead-letter topic.',
      labelNames: ['worker', 'code'],
      registers,
    }),
    inFlight: new Gauge({
      name: 'vodscope_worker_in_flight',
      help: 'Handlers running now.',
      labelNames: ['worker'],
      registers,
    }),
    handlerSeconds: new Histogram({
      name: 'vodscope_worker_handler_duration_seconds',
      help: 'Handler run time, by outcome (ok, error, aborted).',
      labelNames: ['worker', 'outcome'],
      // From a no-op to a long ffmpeg segment.
      buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 1, 2.5, 10, 30, 120, 600],
      registers,
    }),
    lag: new Gauge({
      name: 'vodscope_worker_consumer_lag',
      help: 'Messages between the first unfinished offset and the end of the partition, per assigned partition.',
      labelNames: ['worker', 'topic', 'partition'],
      registers,
    }),
  }
  byRegistry.set(registry, metrics)
  return metrics
}
