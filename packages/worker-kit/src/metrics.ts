import { Counter, Gauge, type Registry } from 'prom-client'
import { DurationHistogram } from './duration-histogram.js'

/** The metrics of every worker in a process, labelled by worker name; one set per registry. */
export interface WorkerMetrics {
  processed: Counter<'worker' | 'topic'>
  /**
   * Successes counted in plain numbers per `worker|topic` and added to `processed` at scrape time:
   * a labelled counter update per message costs more than the rest of the bookkeeping together.
   */
  processedCounts: Map<string, { labels: { worker: string; topic: string }; n: number }>
  failed: Counter<'worker' | 'code'>
  retried: Counter<'worker' | 'code'>
  deadLettered: Counter<'worker' | 'code'>
  inFlight: Gauge<'worker'>
  /** How each worker reports its running handlers; read at scrape time, not counted per message. */
  inFlightReaders: Map<string, () => number>
  handlerSeconds: DurationHistogram
  lag: Gauge<'worker' | 'topic' | 'partition'>
}

const byRegistry = new WeakMap<Registry, WorkerMetrics>()

export function workerMetrics(registry: Registry): WorkerMetrics {
  const existing = byRegistry.get(registry)
  if (existing !== undefined) return existing
  const registers = [registry]
  const inFlightReaders = new Map<string, () => number>()
  const processedCounts: WorkerMetrics['processedCounts'] = new Map()
  const metrics: WorkerMetrics = {
    inFlightReaders,
    processedCounts,
    processed: new Counter({
      name: 'vodscope_worker_processed_total',
      help: 'Messages whose handler succeeded.',
      labelNames: ['worker', 'topic'],
      registers,
      collect() {
        for (const entry of processedCounts.values()) {
          if (entry.n > 0) this.inc(entry.labels, entry.n)
          entry.n = 0
        }
      },
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
      collect() {
        for (const [worker, read] of inFlightReaders) this.set({ worker }, read())
      },
    }),
    handlerSeconds: new DurationHistogram(
      'vodscope_worker_handler_duration_seconds',
      'Handler run time, by outcome (ok, error, aborted).',
      // From a no-op to a long ffmpeg segment.
      [0.001, 0.005, 0.025, 0.1, 0.5, 1, 2.5, 10, 30, 120, 600],
    ),
    lag: new Gauge({
      name: 'vodscope_worker_consumer_lag',
      help: 'Messages between the first unfinished offset and the end of the partition, per assigned partition.',
      labelNames: ['worker', 'topic', 'partition'],
      registers,
    }),
  }
  registry.registerMetric(metrics.handlerSeconds.asMetric())
  byRegistry.set(registry, metrics)
  return metrics
}
