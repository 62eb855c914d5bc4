import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { dlqTopic, retryTopic } from '@vodscope/contracts'
import { createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import type { Kafka, Message } from 'kafkajs'
import { onTestFinished } from 'vitest'
import { createProducer } from '../../src/producer.js'

export const infra = loadInfraConfig(process.env)

export function testKafka(clientId = 'worker-kit-test'): Kafka {
  return createKafka(infra, clientId)
}

export interface TestTopics {
  topic: string
  group: string
  retry: string
  dlq: string
}

/**
 * A topic and a group of its own, with the group's retry and dead-letter topics, created explicitly
 * and deleted when the test finishes.
 */
export async function createTestTopics(kafka: Kafka, partitions: number): Promise<TestTopics> {
  const id = `test-${randomUUID()}`
  const names = {
    topic: id,
    group: `${id}.group`,
    retry: retryTopic(`${id}.group`),
    dlq: dlqTopic(`${id}.group`),
  }
  const admin = kafka.admin()
  await admin.connect()
  try {
    await provisionTopics(admin, { topics: [names.topic, names.retry, names.dlq], partitions })
  } finally {
    await admin.disconnect()
  }
  onTestFinished(async () => {
    const cleanup = kafka.admin()
    await cleanup.connect()
    try {
      await cleanup.deleteTopics({ topics: [names.topic, names.retry, names.dlq] }).catch(() => {})
      await cleanup.deleteGroups([names.group]).catch(() => {})
    } finally {
      await cleanup.disconnect()
    }
  })
  return names
}

/** Produces in batches of `batchSize`, waiting for the broker to acknowledge each. */
export async function produce(
  kafka: Kafka,
  topic: string,
  messages: Message[],
  batchSize = 1_000,
): Promise<void> {
  const producer = createProducer(kafka)
  await producer.connect()
  try {
    for (let i = 0; i < messages.length; i += batchSize) {
      await producer.send({ topic, messages: messages.slice(i, i + batchSize) })
    }
  } finally {
    await producer.disconnect()
  }
}

export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      if (await check()) return
    } catch (err) {
      // The shared database answers SQLITE_BUSY under load now and then: poll again.
      lastError = err
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError })
    }
    await sleep(50)
  }
}
