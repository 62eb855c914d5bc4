import { randomUUID } from 'node:crypto'
import { codecs, TOPICS } from '@vodscope/contracts'
import type { Consumer, Kafka } from 'kafkajs'
import type { JobEventsHub } from './job-events-hub.js'
import type { Log } from './log.js'

const RETRY_DELAY_MS = 2_000 // two seconds between start attempts while the broker is away

/**
 * Reads `vod.job-events.v1` into the hub. Every gateway instance needs every event (its SSE clients
 * may watch any job), so each uses a group of its own and starts at the end of the topic: the stream
 * opens with the job's state from MongoDB, and only later changes are needed. Offsets are never
 * committed; the group is throwaway.
 */
export class JobEventsFeed {
  readonly groupId = `vodscope.gateway.${randomUUID()}`
  private readonly consumer: Consumer
  private readonly topic: string
  private stopped = false
  private retryTimer: NodeJS.Timeout | undefined

  constructor(
    kafka: Kafka,
    topicPrefix: string,
    private readonly hub: JobEventsHub,
    private readonly log: Log,
  ) {
    this.topic = topicPrefix + TOPICS.jobEvents
    this.consumer = kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false })
  }

  /** Starts in the background and keeps trying until the broker answers. */
  start(): void {
    this.run().catch((error: unknown) => {
      if (this.stopped) return
      this.log.warn({ err: error, topic: this.topic }, 'job events feed could not start; retrying')
      this.retryTimer = setTimeout(() => this.start(), RETRY_DELAY_MS)
      this.retryTimer.unref()
    })
  }

  async close(): Promise<void> {
    this.stopped = true
    clearTimeout(this.retryTimer)
    await this.consumer.disconnect()
  }

  private async run(): Promise<void> {
    await this.consumer.connect()
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: false })
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        try {
          this.hub.dispatch(codecs[TOPICS.jobEvents].decode(message.value))
        } catch (error) {
          // A malformed event is the producer's bug; one bad event must not stop the live view.
          this.log.warn({ err: error, offset: message.offset }, 'skipped an invalid job event')
        }
      },
    })
  }
}
