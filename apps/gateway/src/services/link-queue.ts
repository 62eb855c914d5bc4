import { codecs, type LinkSubmittedV1, TOPICS } from '@vodscope/contracts'
import type { Message } from 'kafkajs'
import { GatewayError } from '../errors.js'
import type { Metrics } from '../metrics.js'
import type { MessageSender } from './kafka-producer.js'
import { MicroBatcher } from './micro-batcher.js'

/** Puts accepted links on `vod.links.v1`; resolves only once the broker acknowledged all of them. */
export interface LinkQueue {
  /** Rejects with BROKER_UNAVAILABLE when the broker did not acknowledge in time. */
  publish(links: LinkSubmittedV1[]): Promise<void>
  close(): Promise<void>
}

export interface BatchedLinkQueueOptions {
  sender: MessageSender
  topicPrefix: string
  timeoutMs: number
  maxBatch: number
  lingerMs: number
  metrics: Metrics
}

/** Encodes with the strict contract codec, so a message the extractor would reject is never produced. */
export function toKafkaMessage(link: LinkSubmittedV1): Message {
  return { key: link.videoKey, value: codecs[TOPICS.links].encode(link) }
}

/**
 * The production queue: requests that arrive while a send is in flight share the next `sendBatch`.
 * One send at a time is all kafkajs allows an idempotent producer per broker anyway (it serialises
 * them behind a lock), so a second concurrent flush would only wait in that lock.
 */
export function createBatchedLinkQueue(options: BatchedLinkQueueOptions): LinkQueue {
  const topic = options.topicPrefix + TOPICS.links
  const { metrics } = options
  const batcher = new MicroBatcher<Message[], void>({
    flush: async (groups) => {
      await options.sender.send(topic, groups.flat())
      return groups.map(() => undefined)
    },
    size: (group) => group.length,
    maxBatch: options.maxBatch,
    maxConcurrent: 1,
    lingerMs: options.lingerMs,
    onFlush: (_groups, weight, durationMs, error) => {
      metrics.produceBatchSize.observe(weight)
      metrics.produceDuration.observe(
        { outcome: error === undefined ? 'acked' : 'failed' },
        durationMs / 1000,
      )
    },
  })

  return {
    async publish(links) {
      if (links.length === 0) return
      const messages = links.map(toKafkaMessage)
      try {
        await batcher.submit(messages, options.timeoutMs)
      } catch (error) {
        throw brokerUnavailable(error, options.timeoutMs)
      }
    },
    async close() {
      batcher.close()
      await options.sender.close()
    },
  }
}

export function brokerUnavailable(cause: unknown, timeoutMs: number): GatewayError {
  const error = new GatewayError(
    'BROKER_UNAVAILABLE',
    `Kafka did not acknowledge the links within ${timeoutMs} ms. Retry later; resubmitting a link is safe.`,
  )
  error.cause = cause
  return error
}
