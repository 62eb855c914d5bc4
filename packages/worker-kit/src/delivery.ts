import { performance } from 'node:perf_hooks'
import type { Codec } from '@vodscope/contracts'
import type { KafkaMessage, Producer } from 'kafkajs'
import { type RetryPolicy, retryDelayMs } from './backoff.js'
import type { HistogramSeries } from './duration-histogram.js'
import { classifyFailure, type Failure } from './errors.js'
import { type FailedDelivery, failureMessage, sendUntilAcknowledged } from './hand-off.js'
import { type FailureInfo, headersToStrings, readFailure } from './headers.js'
import type { Lanes, ScheduledTask } from './key-scheduler.js'
import type { Logger } from './logger.js'
import type { WorkerMetrics } from './metrics.js'
import type { TrackedOffset } from './offset-tracker.js'
import type { Handler, HandlerContext } from './options.js'
import type { PartitionState } from './partition-table.js'

export interface DeliveryDeps<T> {
  name: string
  group: string
  topics: { retry: string; dlq: string }
  codec: Codec<T>
  policy: RetryPolicy
  producer: Producer
  log: Logger
  metrics: WorkerMetrics
  handle: Handler<T>
  /** False once the worker is stopping: tasks not started by then are dropped. */
  running(): boolean
  /** The message needs nothing more from this partition: handled, retried or dead-lettered. */
  finished(state: PartitionState, entry: TrackedOffset): void
}

/**
 * Turns consumed messages into scheduled tasks: wait for the due time if it is a retry, decode and
 * validate, run the handler, and on failure hand the message to the retry or dead-letter topic. A
 * message counts as finished only after its handler succeeded or its hand-off was acknowledged.
 *
 * Tasks are instances of one class rather than closures: this runs once per message, and the
 * runtime must not cost more per message than a plain kafkajs consumer does.
 */
export function createDelivery<T>(deps: DeliveryDeps<T>) {
  const runtime = new Runtime(deps)
  return (
    state: PartitionState,
    message: KafkaMessage,
    entry: TrackedOffset,
    fromRetry: boolean,
  ): ScheduledTask =>
    new Delivery(
      runtime,
      state,
      message,
      entry,
      fromRetry ? readFailure(headersToStrings(message.headers)) : undefined,
    )
}

class Runtime<T> {
  readonly seconds: Record<'ok' | 'error' | 'aborted', HistogramSeries>
  private readonly processed = new Map<string, { labels: { worker: string; topic: string }; n: number }>()

  constructor(readonly deps: DeliveryDeps<T>) {
    const { metrics, name } = deps
    this.seconds = {
      ok: metrics.handlerSeconds.series({ worker: name, outcome: 'ok' }),
      error: metrics.handlerSeconds.series({ worker: name, outcome: 'error' }),
      aborted: metrics.handlerSeconds.series({ worker: name, outcome: 'aborted' }),
    }
  }

  countProcessed(topic: string): void {
    let entry = this.processed.get(topic)
    if (entry === undefined) {
      const { name, metrics } = this.deps
      entry = { labels: { worker: name, topic }, n: 0 }
      metrics.processedCounts.set(`${name}|${topic}`, entry)
      this.processed.set(topic, entry)
    }
    entry.n++
  }

  async fail(d: Delivery<T>, failure: Failure): Promise<void> {
    const { deps } = this
    deps.metrics.failed.inc({ worker: deps.name, code: failure.code })
    const failed = d.failedDelivery()
    const retry = failure.retryable && failed.attempt < deps.policy.attempts
    const now = new Date()
    const dueAt = retry ? new Date(now.getTime() + retryDelayMs(deps.policy, failed.attempt)) : undefined
    const message = failureMessage(deps.group, failed, failure, now, dueAt)
    const topic = retry ? deps.topics.retry : deps.topics.dlq
    const sent = await sendUntilAcknowledged(
      deps.producer,
      { topic, message },
      d.state.abort.signal,
      deps.log,
    )
    if (!sent) return
    const fields = {
      topic: failed.topic,
      partition: failed.partition,
      offset: failed.offset,
      attempt: failed.attempt,
    }
    if (retry) {
      deps.metrics.retried.inc({ worker: deps.name, code: failure.code })
      deps.log.warn(
        { ...fields, code: failure.code, dueAt, err: failure.message },
        'handler failed; retry scheduled',
      )
    } else {
      deps.metrics.deadLettered.inc({ worker: deps.name, code: failure.code })
      deps.log.error({ ...fields, code: failure.code, err: failure.message }, 'message dead-lettered')
    }
    deps.finished(d.state, d.entry)
  }
}

/**
 * One message's task, and the context its handler sees (one object per message, not two). The
 * payload is decoded when the task runs, not when the batch arrives, so a fetched batch waiting in
 * the queue holds raw buffers only and decoded payloads die young.
 */
class Delivery<T> implements ScheduledTask, HandlerContext {
  readonly lanes: Lanes
  readonly key: string | null
  readonly notBefore: number
  readonly attempt: number
  next: ScheduledTask | undefined = undefined
  private value: T | undefined
  private bound: Logger | undefined
  private stringHeaders: Record<string, string> | undefined

  constructor(
    private readonly runtime: Runtime<T>,
    readonly state: PartitionState,
    readonly message: KafkaMessage,
    readonly entry: TrackedOffset,
    private readonly prior: FailureInfo | undefined,
  ) {
    this.lanes = state.lanes
    this.key = message.key === null ? null : message.key.toString()
    this.attempt = (prior?.attempts ?? 0) + 1
    const dueAt = prior?.dueAt === undefined ? 0 : Date.parse(prior.dueAt)
    this.notBefore = Number.isFinite(dueAt) ? dueAt : 0
  }

  live(): boolean {
    return this.runtime.deps.running() && !this.state.revoked
  }

  async run(): Promise<void> {
    const { runtime, state } = this
    try {
      this.value = runtime.deps.codec.decode(this.message.value)
    } catch (err) {
      // A payload that breaks its contract never succeeds: straight to the dead letters.
      return runtime.fail(this, classifyFailure(err))
    }
    const started = performance.now()
    let outcome: 'ok' | 'error' | 'aborted' = 'ok'
    try {
      await runtime.deps.handle(this.value, this)
      runtime.countProcessed(state.topic)
      runtime.deps.finished(state, this.entry)
    } catch (err) {
      if (state.abort.signal.aborted) {
        // Revoked or past the stop deadline: left uncommitted, the next owner runs it again.
        outcome = 'aborted'
        return
      }
      outcome = 'error'
      await runtime.fail(this, classifyFailure(err))
    } finally {
      runtime.seconds[outcome].observe((performance.now() - started) / 1_000)
    }
  }

  failedDelivery(): FailedDelivery {
    const { state, message } = this
    return {
      topic: state.topic,
      partition: state.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: this.headers,
      prior: this.prior,
      attempt: this.attempt,
    }
  }

  get topic(): string {
    return this.state.topic
  }

  get partition(): number {
    return this.state.partition
  }

  get offset(): string {
    return this.message.offset
  }

  get headers(): Record<string, string> {
    this.stringHeaders ??= headersToStrings(this.message.headers)
    return this.stringHeaders
  }

  get signal(): AbortSignal {
    return this.state.abort.signal
  }

  isFinal(err: unknown): boolean {
    if (this.signal.aborted) return false
    return !classifyFailure(err).retryable || this.attempt >= this.runtime.deps.policy.attempts
  }

  /** Built on first use: most handlers log rarely, and a child logger per message is not free. */
  get log(): Logger {
    this.bound ??= this.runtime.deps.log.child({
      ...jobFields(this.value),
      topic: this.topic,
      partition: this.partition,
      offset: this.offset,
    })
    return this.bound
  }
}

function jobFields(value: unknown): { jobId?: string; videoKey?: string } {
  if (typeof value !== 'object' || value === null) return {}
  const { jobId, videoKey } = value as { jobId?: unknown; videoKey?: unknown }
  return {
    ...(typeof jobId === 'string' ? { jobId } : {}),
    ...(typeof videoKey === 'string' ? { videoKey } : {}),
  }
}
