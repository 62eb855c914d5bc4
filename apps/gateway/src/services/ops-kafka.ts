import { allTopics, GROUPS, type Groups, namespace, retryTopic, type Topics } from '@vodscope/contracts'
import { type DeadLetter, listDeadLetters, replayDeadLetters } from '@vodscope/worker-kit'
import type { Admin, Kafka } from 'kafkajs'
import { GatewayError } from '../errors.js'
import type { DeadLetterView, GroupsResponse, ReplayResponse, TopicsResponse } from '../schemas/ops.js'

export type GroupName = (typeof GROUPS)[keyof typeof GROUPS]
export type ReplaySelect = { all: true } | { ids: string[] }

/** What the ops routes read from and do to the broker. */
export interface OpsInspector {
  topics(): Promise<TopicsResponse>
  groups(): Promise<GroupsResponse>
  /** Pending dead letters of the given groups (every pipeline group when none is given), oldest first. */
  deadLetters(group: GroupName | undefined): Promise<DeadLetterView[]>
  replay(group: GroupName, select: ReplaySelect): Promise<ReplayResponse>
  close(): Promise<void>
}

/** The main topic each group consumes; every group also consumes its own `<group>.retry`. */
function consumedTopic(topics: Topics): Record<keyof Groups, string> {
  return {
    extractor: topics.links,
    chatPlanner: topics.videos,
    chatChunks: topics.chatChunks,
    audioPlanner: topics.videos,
    audioSegments: topics.audioSegments,
  }
}

const ADMIN_TIMEOUT_MS = 5_000 // an ops page should say "broker unavailable" rather than hang

/**
 * Reads topics, group offsets and dead letters through a short-lived admin client per request: ops
 * requests are rare, and a client that is not kept open cannot go stale during a broker outage.
 * Dead letters go through worker-kit, which owns their format and the replay markers.
 */
export class KafkaOpsInspector implements OpsInspector {
  private readonly names: ReturnType<typeof namespace>

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
  ) {
    this.names = namespace(prefix)
  }

  topics(): Promise<TopicsResponse> {
    return this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics())
      const names = allTopics(this.prefix).filter((t) => existing.has(t))
      const topics = await Promise.all(
        names.map(async (topic) => {
          const offsets = await admin.fetchTopicOffsets(topic)
          const partitions = offsets
            .map((o) => ({ partition: o.partition, endOffset: o.high }))
            .sort((a, b) => a.partition - b.partition)
          const messages = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0)
          return { topic, partitions, messages }
        }),
      )
      return { topics }
    })
  }

  groups(): Promise<GroupsResponse> {
    return this.withAdmin(async (admin) => {
      const consumed = consumedTopic(this.names.topics)
      const entries = Object.entries(this.names.groups) as Array<[keyof Groups, string]>
      const ids = entries.map(([, groupId]) => groupId)
      const described = new Map((await admin.describeGroups(ids)).groups.map((g) => [g.groupId, g]))
      const existing = new Set(await admin.listTopics())
      const groups = await Promise.all(
        entries.map(async ([key, groupId]) => {
          const topics = [consumed[key], retryTopic(groupId)].filter((t) => existing.has(t))
          const partitions = (
            await Promise.all(topics.map((t) => this.partitionLag(admin, groupId, t)))
          ).flat()
          const info = described.get(groupId)
          return {
            group: GROUPS[key],
            groupId,
            state: info?.state ?? 'Unknown',
            members: info?.members.length ?? 0,
            totalLag: partitions.reduce((sum, p) => sum + p.lag, 0),
            partitions,
          }
        }),
      )
      return { groups }
    })
  }

  async deadLetters(group: GroupName | undefined): Promise<DeadLetterView[]> {
    const groups = group === undefined ? Object.values(GROUPS) : [group]
    const lists = await Promise.all(
      groups.map(async (g) => {
        const letters = await this.guard(() =>
          listDeadLetters(this.kafka, { group: this.prefix + g, timeoutMs: ADMIN_TIMEOUT_MS * 2 }),
        )
        return letters.map((l) => toView(g, l))
      }),
    )
    return lists.flat().sort((a, b) => a.at.localeCompare(b.at))
  }

  async replay(group: GroupName, select: ReplaySelect): Promise<ReplayResponse> {
    const result = await this.guard(() =>
      replayDeadLetters(this.kafka, { group: this.prefix + group, select, timeoutMs: ADMIN_TIMEOUT_MS * 2 }),
    )
    return { replayed: result.replayed.length, replayedIds: result.replayed, missing: result.missing }
  }

  async close(): Promise<void> {}

  /** Lag per partition: end offset minus committed offset, or minus the start while nothing is committed. */
  private async partitionLag(admin: Admin, groupId: string, topic: string) {
    const [ends, [committed]] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ])
    const byPartition = new Map((committed?.partitions ?? []).map((p) => [p.partition, p.offset]))
    return ends
      .sort((a, b) => a.partition - b.partition)
      .map((end) => {
        const raw = byPartition.get(end.partition)
        const has = raw !== undefined && Number(raw) >= 0
        const from = has ? Number(raw) : Number(end.low)
        return {
          topic,
          partition: end.partition,
          endOffset: end.high,
          committedOffset: has ? (raw as string) : null,
          lag: Math.max(0, Number(end.high) - from),
        }
      })
  }

  private withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const admin = this.kafka.admin()
      await admin.connect()
      try {
        return await work(admin)
      } finally {
        await admin.disconnect().catch(() => undefined)
      }
    })
  }

  /** Any broker failure or a call over the deadline is a 503 the client may retry. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ADMIN_TIMEOUT_MS * 3)
    })
    try {
      return await Promise.race([work(), deadline])
    } catch (error) {
      const unavailable = new GatewayError('BROKER_UNAVAILABLE', 'Kafka did not answer in time. Retry later.')
      unavailable.cause = error
      throw unavailable
    } finally {
      clearTimeout(timer)
    }
  }
}

function toView(group: GroupName, letter: DeadLetter): DeadLetterView {
  const f = letter.failure
  return {
    id: letter.id,
    group,
    at: letter.at,
    key: letter.key,
    reason: f === undefined ? null : `${f.errorCode}: ${f.errorMessage}`,
    attempts: f?.attempts ?? null,
    original:
      f === undefined
        ? null
        : { topic: f.originalTopic, partition: f.originalPartition, offset: f.originalOffset },
  }
}
