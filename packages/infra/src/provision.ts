import { setTimeout as sleep } from 'node:timers/promises'
import { allTopics } from '@vodscope/contracts'
import type { Admin } from 'kafkajs'

export interface ProvisionOptions {
  /** Partitions per topic: the most replicas a consumer group can use. */
  partitions: number
  /** Defaults to every topic of the pipeline (`allTopics()` from @vodscope/contracts). */
  topics?: readonly string[]
}

export interface ProvisionResult {
  created: string[]
  grown: { topic: string; from: number; to: number }[]
  /** Topics that already had the configured count, or more: partitions are never removed. */
  unchanged: string[]
}

const LEADER_WAIT_MS = 30_000 // thirty seconds for new partitions to elect a leader
const LEADER_POLL_MS = 200

/**
 * Creates the pipeline's topics if they are missing and raises their partition count if configured
 * higher. Safe to run at every start-up and from several processes at once: a topic created
 * concurrently by someone else counts as existing. Never lowers a count (Kafka cannot, and keys would
 * move partitions).
 */
export async function provisionTopics(admin: Admin, options: ProvisionOptions): Promise<ProvisionResult> {
  const topics = [...new Set(options.topics ?? allTopics())]
  const { partitions } = options
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new RangeError(`partitions must be ≥ 1, got ${partitions}`)

  const existing = new Set(await admin.listTopics())
  const missing = topics.filter((topic) => !existing.has(topic))
  if (missing.length > 0) {
    // kafkajs's own leader wait gives up on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker answers
    // while a new topic's metadata propagates; wait with our own poll, which tolerates it. Resolves
    // false rather than failing when a concurrent provisioner created some first.
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
      waitForLeaders: false,
    })
    await waitForLeaders(
      admin,
      missing.map((topic) => ({ topic, to: 1 })),
    )
  }

  const present = topics.filter((topic) => existing.has(topic))
  const counts = await partitionCounts(admin, present)
  const grown = present
    .map((topic) => ({ topic, from: counts.get(topic) ?? 0, to: partitions }))
    .filter(({ from, to }) => from < to)
  if (grown.length > 0) {
    await admin.createPartitions({ topicPartitions: grown.map(({ topic, to }) => ({ topic, count: to })) })
    await waitForLeaders(admin, grown)
  }
  const grownNames = new Set(grown.map(({ topic }) => topic))
  return { created: missing, grown, unchanged: present.filter((topic) => !grownNames.has(topic)) }
}

async function partitionCounts(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  if (topics.length === 0) return new Map()
  const metadata = await admin.fetchTopicMetadata({ topics })
  return new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]))
}

/**
 * Waits until every partition of the topics has a leader that answers for it. kafkajs does not wait
 * after createPartitions, and its own wait after createTopics gives up on the unknown-topic answers of
 * a topic still propagating; this poll tolerates both.
 */
async function waitForLeaders(admin: Admin, expected: { topic: string; to: number }[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS
  for (;;) {
    const metadata = await admin
      .fetchTopicMetadata({ topics: expected.map(({ topic }) => topic) })
      .catch((err: unknown) => {
        if ((err as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return undefined
        throw err
      })
    const ready = expected.every(({ topic, to }) => {
      const partitions = metadata?.topics.find((t) => t.name === topic)?.partitions ?? []
      return partitions.length >= to && partitions.every((p) => p.leader >= 0)
    })
    // The controller's metadata names a leader a moment before that broker serves the partition: a
    // fetch or commit then answers NOT_LEADER_OR_FOLLOWER, and kafkajs restarts the consumer, which
    // re-reads from the last commit. Asking every leader for its offsets proves it serves them.
    if (ready && (await leadersServe(admin, expected))) return
    if (Date.now() > deadline) {
      throw new Error(`new partitions of ${expected.map(({ topic }) => topic).join(', ')} have no leader yet`)
    }
    await sleep(LEADER_POLL_MS)
  }
}

/** Whether each topic's partitions all answer a ListOffsets request from their leaders. */
async function leadersServe(admin: Admin, expected: { topic: string; to: number }[]): Promise<boolean> {
  try {
    for (const { topic, to } of expected) {
      const offsets = await admin.fetchTopicOffsets(topic)
      if (offsets.length < to) return false
    }
    return true
  } catch (err) {
    // kafkajs retries NOT_LEADER_OR_FOLLOWER itself; what reaches us is its give-up or a retriable error.
    const { retriable, name } = err as { retriable?: boolean; name?: string }
    if (retriable || name === 'KafkaJSNumberOfRetriesExceeded') return false
    throw err
  }
}
