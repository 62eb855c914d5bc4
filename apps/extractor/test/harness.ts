import { randomUUID } from 'node:crypto'
import { allTopics, namespace } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig } from '@vodscope/infra'
import { provisionTopics } from '@vodscope/infra/provision'
import { createLogger, type WorkerResources } from '@vodscope/worker-kit'
import type { KafkaMessage } from 'kafkajs'
import { Registry } from 'prom-client'

/**
 * A private corner of the shared broker and database for one test: its own topics, group and
 * database, all removed by `close()`.
 */
export async function isolatedResources() {
  const id = randomUUID().slice(0, 8)
  const infra = { ...loadInfraConfig(), topicPrefix: `test-${id}.` }
  const kafka = createKafka(infra, `test-${id}`)
  const { topics } = namespace(infra.topicPrefix)
  const admin = kafka.admin()
  await admin.connect()
  const all = allTopics(infra.topicPrefix)
  await provisionTopics(admin, { topics: all, partitions: 3 })
  const producer = kafka.producer()
  await producer.connect()
  const mongo = await connectMongo(infra, `test_${id.replace(/-/g, '_')}`)
  const resources: WorkerResources = {
    config: { infra, metricsPort: 0, metricsHost: '127.0.0.1', shutdownMs: 5_000, logLevel: 'warn' },
    kafka,
    producer,
    mongo,
    log: createLogger('test', 'warn'),
    registry: new Registry(),
  }

  /** Every message on `topic` so far (reads from the beginning with a throwaway group). */
  async function readAll(topic: string, expected: number, timeoutMs = 10_000): Promise<KafkaMessage[]> {
    const consumer = kafka.consumer({ groupId: `test-read-${randomUUID()}`, maxWaitTimeInMs: 100 })
    const seen: KafkaMessage[] = []
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) })
    const deadline = Date.now() + timeoutMs
    while (seen.length < expected && Date.now() < deadline) await sleep(100)
    await sleep(300) // a moment more, to catch messages beyond the expected count
    await consumer.disconnect()
    return seen
  }

  let closed = false
  async function close() {
    if (closed) return
    closed = true
    await producer.disconnect()
    await mongo.db.dropDatabase()
    await mongo.close()
    await admin.deleteTopics({ topics: all }).catch(() => undefined)
    await admin.disconnect()
  }

  return { id, topics, resources, readAll, close }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(100)
  }
}
