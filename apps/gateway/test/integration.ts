import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { codecs, type LinkSubmittedV1, TOPICS } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs'
import { onTestFinished } from 'vitest'
import app, { serverOptions } from '../src/app.js'
import type { ServiceOverrides } from '../src/services/create-services.js'
import { testConfig } from './helper.js'

/**
 * Helpers for tests against the devstack (KAFKA_BROKERS / MONGO_URL, `npm run stack -- up`). Each test
 * gets its own topic prefix and database, provisioned here and removed when the test ends.
 */
export async function isolatedInfra() {
  const id = randomUUID()
  const prefix = `test-${id}.`
  const dbName = `test-${id}`
  const infra = loadInfraConfig()
  const kafka = createKafka(infra, `gateway-test-${id}`)
  const admin = kafka.admin()
  await admin.connect()
  const topics = { links: prefix + TOPICS.links, jobEvents: prefix + TOPICS.jobEvents }
  await provisionTopics(admin, { partitions: 3, topics: Object.values(topics) })
  onTestFinished(async () => {
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined)
    await admin.disconnect()
    const mongo = await connectMongo(infra, dbName)
    await mongo.db.dropDatabase()
    await mongo.close()
  })
  return { kafka, admin, prefix, dbName, topics, infra }
}

/** The real app (real producer, MongoDB, events feed) on the isolated topics and database. */
export async function buildReal(
  isolated: { prefix: string; dbName: string },
  env: NodeJS.ProcessEnv = {},
  services: ServiceOverrides = {},
): Promise<FastifyInstance> {
  const config = testConfig({
    TOPIC_PREFIX: isolated.prefix,
    MONGO_DB: isolated.dbName,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGO_URL: process.env.MONGO_URL,
    ...env,
  })
  const server = Fastify(serverOptions(config))
  await server.register(fp(app), { config, services })
  await server.ready()
  onTestFinished(() => server.close())
  return server
}

/** A kafkajs client like infra's createKafka, whose connections go through `socketFactory`. */
export function kafkaThrough(socketFactory: ConstructorParameters<typeof Kafka>[0]['socketFactory']): Kafka {
  return new Kafka({
    clientId: `gateway-test-${randomUUID()}`,
    brokers: loadInfraConfig().kafkaBrokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.NOTHING,
    socketFactory,
  })
}

/** Reads a topic from the beginning until `count` messages arrived or `timeoutMs` passed. */
/**
 * Messages of `topic` from the start, read until there are `count` of them or, given a predicate,
 * until it holds for what was read (when the topic may hold more than the messages a test waits for).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number | ((messages: KafkaMessage[]) => boolean),
  timeoutMs = 15_000,
): Promise<KafkaMessage[]> {
  const enough = typeof count === 'number' ? (m: KafkaMessage[]) => m.length >= count : count
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` })
  const messages: KafkaMessage[] = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages.push(message)
      },
    })
    const deadline = Date.now() + timeoutMs
    while (!enough(messages) && Date.now() < deadline) await sleep(100)
  } finally {
    await consumer.disconnect()
  }
  return messages
}

/** Messages on a topic right now: the sum of its partitions' high watermarks (no compaction here). */
export async function countMessages(
  admin: Awaited<ReturnType<typeof isolatedInfra>>['admin'],
  topic: string,
) {
  const offsets = await admin.fetchTopicOffsets(topic)
  return offsets.reduce((sum, p) => sum + Number(p.high), 0)
}

export function decodeLink(message: KafkaMessage): LinkSubmittedV1 {
  return codecs[TOPICS.links].decode(message.value)
}
