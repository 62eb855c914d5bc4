import { performance } from 'node:perf_hooks'
import type { Codec } from '@vodscope/contracts'
import type { KafkaMessage, Producer } from 'kafkajs'
import { type RetryPolicy, retryDelayMs } from './backoff.js'
import { classifyFailure, type Failure } from './errors.js'
import { type FailedDelivery, failureMessage, sendUntilAcknowledged } from './hand-off.js'
import { headersToStrings, readFailure } from './headers.js'
import type { ScheduledTask } from './key-scheduler.js'
import type { Logger } from './logger.js'
import type { WorkerMetrics } from './metrics.js'
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
  /** The message needs nothing more from this partition: handled, retried or dead-lettered. */
  finished(state: PartitionState, offset: number): void
}

/**
 * Turns one consumed message into a scheduled task: decode and validate, wait for its due time if it
 * is a retry, run the handler, and on failure hand it to the retry or dead-letter topic. The message
 * counts as finished only after the handler succeeded or the hand-off was acknowledged.
 */
export function createDelivery<T>(deps: DeliveryDeps<T>) {
  const { name, group, topics, codec, policy, producer, log, metrics } = deps
  const processed = new Map<string, { inc(): void }>()
  const inFlight = metrics.inFlight.labels({ worker: name })
  const seconds = {
    ok: metrics.handlerSeconds.labels({ worker: name, outcome: 'ok' }),
    error: metrics.handlerSeconds.labels({ worker: name, outcome: 'error' }),
    aborted: metrics.handlerSeconds.labels({ worker: name, outcome: 'aborted' }),
  }
  const processedOn = (topic: string) => {
    let child = processed.get(topic)
    if (child === undefined) {
      child = metrics.processed.labels({ worker: name, topic })
      processed.set(topic, child)
    }
    return child
  }

  async function fail(state: PartitionState, delivery: FailedDelivery, failure: Failure): Promise<void> {
    metrics.failed.inc({ worker: name, code: failure.code })
    const retry = failure.retryable && delivery.attempt < policy.attempts
    const now = new Date()
    const dueAt = retry ? new Date(now.getTime() + retryDelayMs(policy, delivery.attempt)) : undefined
    const message = failureMessage(group, delivery, failure, now, dueAt)
    const topic = retry ? topics.retry : topics.dlq
    const fields = {
      topic: delivery.topic,
      partition: delivery.partition,
      offset: delivery.offset,
      code: failure.code,
    }
    if (!(await sendUntilAcknowledged(producer, { topic, message }, state.abort.signal, log))) return
    if (retry) {
      metrics.retried.inc({ worker: name, code: failure.code })
      log.warn(
        { ...fields, attempt: delivery.attempt, dueAt, err: failure.message },
        'handler failed; retry scheduled',
      )
    } else {
      metrics.deadLettered.inc({ worker: name, code: failure.code })
      log.error({ ...fields, attempt: delivery.attempt, err: failure.message }, 'message dead-lettered')
    }
    deps.finished(state, Number(delivery.offset))
  }

  return function deliver(
    state: PartitionState,
    message: KafkaMessage,
    fromRetry: boolean,
    running: () => boolean,
  ): ScheduledTask {
    const headers = headersToStrings(message.headers)
    const prior = fromRetry ? readFailure(headers) : undefined
    const delivery: FailedDelivery = {
      topic: state.topic,
      partition: state.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers,
      prior,
      attempt: (prior?.attempts ?? 0) + 1,
    }
    const live = () => running() && !state.revoked
    const laneBase = `${state.id}|`

    let value: T
    try {
      value = codec.decode(message.value)
    } catch (err) {
      // A payload that breaks its contract never succeeds: straight to the dead letters, in a lane
      // of its own so it does not wait behind its key.
      return {
        lane: `${laneBase}!${message.offset}`,
        notBefore: 0,
        live,
        run: () => fail(state, delivery, classifyFailure(err)),
      }
    }

    const key = message.key?.toString() ?? null
    const dueAt = prior?.dueAt === undefined ? 0 : Date.parse(prior.dueAt)
    return {
      lane: key === null ? `${laneBase}#${message.offset}` : laneBase + key,
      notBefore: Number.isFinite(dueAt) ? dueAt : 0,
      live,
      run: async () => {
        const started = performance.now()
        inFlight.inc()
        let outcome: keyof typeof seconds = 'ok'
        try {
          await deps.handle(value, context(state, delivery, key, value))
          processedOn(state.topic).inc()
          deps.finished(state, Number(message.offset))
        } catch (err) {
          if (state.abort.signal.aborted) {
            outcome = 'aborted'
            return
          }
          outcome = 'error'
          await fail(state, delivery, classifyFailure(err))
        } finally {
          inFlight.dec()
          seconds[outcome].observe((performance.now() - started) / 1_000)
        }
      },
    }
  }

  function context(
    state: PartitionState,
    delivery: FailedDelivery,
    key: string | null,
    value: T,
  ): HandlerContext {
    let bound: Logger | undefined
    return {
      topic: delivery.topic,
      partition: delivery.partition,
      offset: delivery.offset,
      key,
      headers: delivery.headers,
      attempt: delivery.attempt,
      signal: state.abort.signal,
      // Built on first use: most handlers log rarely, and a child logger per message is not free.
      get log() {
        bound ??= log.child({
          ...jobFields(value),
          topic: delivery.topic,
          partition: delivery.partition,
          offset: delivery.offset,
        })
        return bound
      },
    }
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
