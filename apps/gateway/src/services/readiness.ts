import { TOPICS } from '@vodscope/contracts'
import type { Admin, Kafka } from 'kafkajs'
import { withTimeout } from './deadline.js'
import type { MongoConnection } from './mongo-connection.js'

export type CheckResult = { ok: true } | { ok: false; error: string }

/** Answers `/readyz`: can this instance reach Kafka (and its links topic) and MongoDB right now? */
export interface Readiness {
  check(): Promise<{ kafka: CheckResult; mongo: CheckResult }>
  close(): Promise<void>
}

const KAFKA_CHECK_TIMEOUT_MS = 2_000 // two seconds; kafkajs's own retries would take far longer

export class InfraReadiness implements Readiness {
  private readonly admin: Admin
  private readonly linksTopic: string

  constructor(
    kafka: Kafka,
    topicPrefix: string,
    private readonly mongo: MongoConnection,
  ) {
    // No retries: a probe wants the current state, and the next probe is the retry.
    this.admin = kafka.admin({ retry: { retries: 0 } })
    this.linksTopic = topicPrefix + TOPICS.links
  }

  async check() {
    const [kafka, mongo] = await Promise.all([
      probe(
        withTimeout(
          this.admin.connect().then(() => this.admin.fetchTopicMetadata({ topics: [this.linksTopic] })),
          KAFKA_CHECK_TIMEOUT_MS,
        ),
      ),
      probe(this.mongo.run((db) => db.command({ ping: 1 }))),
    ])
    return { kafka, mongo }
  }

  async close(): Promise<void> {
    await this.admin.disconnect()
  }
}

async function probe(work: Promise<unknown>): Promise<CheckResult> {
  try {
    await work
    return { ok: true }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}
