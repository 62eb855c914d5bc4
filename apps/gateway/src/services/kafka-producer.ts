import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs'
import type { Log } from './log.js'

/** The part of a producer the link queues use; a fake implements it in tests. */
export interface MessageSender {
  send(topic: string, messages: Message[]): Promise<void>
  close(): Promise<void>
}

const RECONNECT_DELAY_MS = 1_000 // one second between attempts while the broker is away at start-up

/**
 * An idempotent producer (acks = all) that the gateway can start without a broker: it connects in the
 * background and keeps trying, so intake answers 503 until the broker appears instead of refusing to
 * boot. Once connected, kafkajs reconnects by itself and retries a send until it succeeds; the caller
 * bounds how long a request waits, not this class.
 */
export class KafkaSender implements MessageSender {
  private readonly producer: Producer
  private connected: Promise<void> | undefined
  private closing = false

  constructor(
    kafka: Kafka,
    private readonly log: Log,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      // kafkajs 2's default (Java-compatible murmur2), named so it does not warn on every start.
      createPartitioner: Partitioners.DefaultPartitioner,
      // Topics are provisioned explicitly; a typo must not create one.
      allowAutoTopicCreation: false,
      // Never give up on a batch: an idempotent producer that drops a batch after N retries may then
      // reuse its sequence numbers, and the broker would discard the next batch as a duplicate.
      retry: { retries: Number.MAX_SAFE_INTEGER },
    })
    // Start now so the first request does not pay for the connection; failures are retried inside.
    this.connect().catch(() => undefined)
  }

  async send(topic: string, messages: Message[]): Promise<void> {
    await this.connect()
    await this.producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] })
  }

  async close(): Promise<void> {
    this.closing = true
    await this.producer.disconnect()
  }

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.log.warn({ err: error }, 'kafka producer could not connect; retrying')
      return new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          if (this.closing) {
            reject(new Error('the producer is closed'))
            return
          }
          this.connected = undefined
          this.connect().then(resolve, reject)
        }, RECONNECT_DELAY_MS).unref()
      })
    })
    return this.connected
  }
}
