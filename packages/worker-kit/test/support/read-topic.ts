import { randomUUID } from 'node:crypto'
import type { Kafka } from 'kafkajs'
import { waitFor } from './kafka.js'

/** Reads a topic from the start until `count` messages arrived; returns their keys and parsed values. */
export async function readMessages(kafka: Kafka, topic: string, count: number) {
  const out: { key: string | null; value: unknown }[] = []
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 })
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        out.push({
          key: message.key?.toString() ?? null,
          value: JSON.parse(message.value?.toString() ?? 'null'),
        })
      },
    })
    await waitFor(`${count} messages on ${topic}`, () => out.length >= count, 30_000)
  } finally {
    await consumer.disconnect()
  }
  return out
}
