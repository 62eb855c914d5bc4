import { setTimeout as sleep } from 'node:timers/promises'
import type { IHeaders, Producer } from 'kafkajs'
import type { Failure } from './errors.js'
import { applicationHeaders, type FailureInfo, failureHeaders } from './headers.js'
import type { Logger } from './logger.js'

/** Where a failed message came from, as the runtime received it. */
export interface FailedDelivery {
  topic: string
  partition: number
  offset: string
  key: Buffer | null
  value: Buffer | null
  headers: Record<string, string>
  /** The failure record it already carried (a message from the retry topic), if any. */
  prior: FailureInfo | undefined
  /** Attempts made so far, this one included. */
  attempt: number
}

/**
 * The message to append to `<group>.retry` (with `dueAt`) or `<group>.dlq`: the original key and
 * value, the producer's own headers, and a failure record that keeps the first delivery's
 * coordinates and first failure time across retries.
 */
export function failureMessage(
  group: string,
  delivery: FailedDelivery,
  failure: Failure,
  now: Date,
  dueAt?: Date,
): { key: Buffer | null; value: Buffer | null; headers: IHeaders } {
  const { prior } = delivery
  const info: FailureInfo = {
    originalTopic: prior?.originalTopic ?? delivery.topic,
    originalPartition: prior?.originalPartition ?? delivery.partition,
    originalOffset: prior?.originalOffset ?? delivery.offset,
    originalKey: delivery.key?.toString() ?? null,
    group,
    errorCode: failure.code,
    errorMessage: failure.message,
    retryable: failure.retryable,
    attempts: delivery.attempt,
    firstFailureAt: prior?.firstFailureAt || now.toISOString(),
    lastFailureAt: now.toISOString(),
  }
  if (dueAt !== undefined) info.dueAt = dueAt.toISOString()
  return {
    key: delivery.key,
    value: delivery.value,
    headers: { ...applicationHeaders(delivery.headers), ...failureHeaders(info) },
  }
}

const SEND_BACKOFF_MS = { first: 250, max: 10_000 } as const

/**
 * Sends until the broker acknowledges or `signal` aborts. The offset of the failed message is held
 * back until then: a hand-off that never landed must not be committed past, or the message is lost.
 * Returns false when it gave up.
 */
export async function sendUntilAcknowledged(
  producer: Producer,
  record: { topic: string; message: { key: Buffer | null; value: Buffer | null; headers: IHeaders } },
  signal: AbortSignal,
  log: Logger,
): Promise<boolean> {
  for (let round = 0; !signal.aborted; round++) {
    try {
      await producer.send({ topic: record.topic, messages: [record.message] })
      return true
    } catch (err) {
      log.error({ err, topic: record.topic, round }, 'hand-off failed; retrying')
      const delay = Math.min(SEND_BACKOFF_MS.max, SEND_BACKOFF_MS.first * 2 ** round)
      await sleep(delay, undefined, { signal }).catch(() => {})
    }
  }
  return false
}
