import { randomUUID } from 'node:crypto'
import { dlqTopic } from '@vodscope/contracts'
import type { Kafka, KafkaMessage, Producer } from 'kafkajs'
import { WorkerError } from './errors.js'
import {
  applicationHeaders,
  type FailureInfo,
  headersToStrings,
  REPLAY_OF_HEADER,
  REPLAYED_FROM_HEADER,
  readFailure,
} from './headers.js'
import { createProducer } from './producer.js'

/** A message in `<group>.dlq` that no replay has moved back yet. */
export interface DeadLetter {
  /** `partition:offset` in the dead-letter topic; stable, and what `{ ids }` selects by. */
  id: string
  partition: number
  offset: string
  /** When it was dead-lettered (ISO). */
  at: string
  key: string | null
  value: Buffer | null
  headers: Record<string, string>
  /** Undefined only for a message some other producer wrote into the topic. */
  failure: FailureInfo | undefined
}

export type DeadLetterSelector =
  | { all: true }
  | { ids: readonly string[] }
  | { filter: (letter: DeadLetter) => boolean }

export interface ReplayResult {
  /** Ids moved back to their original topics. */
  replayed: string[]
  /** Requested ids that are not pending dead letters (unknown, or replayed already). */
  missing: string[]
}

const READ_TIMEOUT_MS = 30_000 // reading a dead-letter topic to its end

/**
 * Pending dead letters of a group, oldest first per partition. Kafka cannot delete single records, so
 * a replay appends a marker (a record with `x-vodscope-replay-of: <id>` and no value) to the same
 * topic; a dead letter with a marker counts as moved. The topic thus stays the one record of what
 * failed and what was done about it.
 */
export async function listDeadLetters(
  kafka: Kafka,
  options: { group: string; timeoutMs?: number },
): Promise<DeadLetter[]> {
  const records = await readToEnd(kafka, dlqTopic(options.group), options.timeoutMs ?? READ_TIMEOUT_MS)
  const moved = new Set<string>()
  const letters: DeadLetter[] = []
  for (const { partition, message } of records) {
    const headers = headersToStrings(message.headers)
    const markerOf = headers[REPLAY_OF_HEADER]
    if (markerOf !== undefined) {
      moved.add(markerOf)
      continue
    }
    letters.push({
      id: `${partition}:${message.offset}`,
      partition,
      offset: message.offset,
      at: new Date(Number(message.timestamp)).toISOString(),
      key: message.key?.toString() ?? null,
      value: message.value,
      headers,
      failure: readFailure(headers),
    })
  }
  return letters.filter((letter) => !moved.has(letter.id))
}

/**
 * Moves the selected dead letters back to their original topics (original key, value and headers,
 * plus `x-vodscope-replayed-from`), then marks them moved. The replayed message starts over with a
 * fresh retry budget. At least once: a crash between the two steps replays the letter again later.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  options: { group: string; select: DeadLetterSelector; producer?: Producer; timeoutMs?: number },
): Promise<ReplayResult> {
  const dlq = dlqTopic(options.group)
  const pending = await listDeadLetters(kafka, options)
  const { select } = options
  const chosen =
    'all' in select
      ? pending
      : 'ids' in select
        ? pending.filter((l) => select.ids.includes(l.id))
        : pending.filter((l) => select.filter(l))
  const replayable = chosen.filter((l) => l.failure !== undefined)
  const chosenIds = new Set(replayable.map((l) => l.id))
  const missing = 'ids' in select ? select.ids.filter((id) => !chosenIds.has(id)) : []
  if (replayable.length === 0) return { replayed: [], missing }

  const producer = options.producer ?? createProducer(kafka)
  if (options.producer === undefined) await producer.connect()
  try {
    const byTopic = new Map<
      string,
      { key: string | null; value: Buffer | null; headers: Record<string, string> }[]
    >()
    for (const letter of replayable) {
      const topic = letter.failure!.originalTopic
      const messages = byTopic.get(topic) ?? []
      messages.push({
        key: letter.key,
        value: letter.value,
        headers: { ...applicationHeaders(letter.headers), [REPLAYED_FROM_HEADER]: `${dlq}/${letter.id}` },
      })
      byTopic.set(topic, messages)
    }
    await producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    })
    await producer.send({
      topic: dlq,
      messages: replayable.map((l) => ({
        key: l.key,
        value: null,
        partition: l.partition,
        headers: { [REPLAY_OF_HEADER]: l.id },
      })),
    })
  } finally {
    if (options.producer === undefined) await producer.disconnect()
  }
  return { replayed: replayable.map((l) => l.id), missing }
}

/** Every record of a topic up to its end as of the call, through a throwaway group that commits nothing. */
async function readToEnd(
  kafka: Kafka,
  topic: string,
  timeoutMs: number,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const admin = kafka.admin()
  await admin.connect()
  let ends: Map<number, number>
  try {
    const offsets = await admin.fetchTopicOffsets(topic)
    ends = new Map(
      offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]),
    )
  } finally {
    await admin.disconnect()
  }
  if (ends.size === 0) return []

  const records: { partition: number; message: KafkaMessage }[] = []
  const consumer = kafka.consumer({
    groupId: `${topic}.reader.${randomUUID()}`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 200,
  })
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new WorkerError('WORKER_DEAD_LETTER_READ_TIMEOUT', `reading ${topic} took over ${timeoutMs} ms`),
          ),
        timeoutMs,
      )
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const end = ends.get(batch.partition)
            if (end === undefined) return
            for (const message of batch.messages) {
              if (Number(message.offset) < end) records.push({ partition: batch.partition, message })
            }
            if (Number(batch.lastOffset()) >= end - 1) ends.delete(batch.partition)
            if (ends.size === 0) {
              clearTimeout(timer)
              resolve()
            }
          },
        })
        .catch(reject)
    })
  } finally {
    await consumer.disconnect()
  }
  return records.sort(
    (a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset),
  )
}
