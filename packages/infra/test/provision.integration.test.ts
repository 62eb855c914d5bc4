import { randomUUID } from 'node:crypto'
import type { Admin } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKafka } from '../src/clients.js'
import { loadInfraConfig } from '../src/config.js'
import { provisionTopics } from '../src/provision.js'

const prefix = `test-${randomUUID()}`
const topics = [`${prefix}.links`, `${prefix}.videos`, `${prefix}.group.dlq`]
let admin: Admin

beforeAll(async () => {
  admin = createKafka(loadInfraConfig(), `${prefix}-admin`).admin()
  await admin.connect()
})

afterAll(async () => {
  await admin.deleteTopics({ topics }).catch(() => undefined)
  await admin.disconnect()
})

async function counts(): Promise<Record<string, number>> {
  const metadata = await admin.fetchTopicMetadata({ topics })
  return Object.fromEntries(metadata.topics.map((topic) => [topic.name, topic.partitions.length]))
}

describe('provisionTopics', () => {
  it('should create missing topics, grow them when configured higher, and never shrink them', async () => {
    const first = await provisionTopics(admin, { partitions: 2, topics })
    expect(first).toEqual({ created: topics, grown: [], unchanged: [] })
    expect(await counts()).toEqual(Object.fromEntries(topics.map((topic) => [topic, 2])))

    const again = await provisionTopics(admin, { partitions: 2, topics })
    expect(again).toEqual({ created: [], grown: [], unchanged: topics })

    const grown = await provisionTopics(admin, { partitions: 4, topics })
    expect(grown.grown).toEqual(topics.map((topic) => ({ topic, from: 2, to: 4 })))
    expect(await counts()).toEqual(Object.fromEntries(topics.map((topic) => [topic, 4])))
    const metadata = await admin.fetchTopicMetadata({ topics })
    expect(metadata.topics.flatMap((topic) => topic.partitions).every((p) => p.leader >= 0)).toBe(true)

    const lower = await provisionTopics(admin, { partitions: 1, topics })
    expect(lower).toEqual({ created: [], grown: [], unchanged: topics })
    expect(await counts()).toEqual(Object.fromEntries(topics.map((topic) => [topic, 4])))
  })

  it('should treat a topic created concurrently by another provisioner as existing', async () => {
    const racing = [`${prefix}.race`]
    topics.push(...racing)
    const results = await Promise.all(
      [1, 2, 3].map(() => provisionTopics(admin, { partitions: 3, topics: racing })),
    )
    expect(results.every((result) => result.grown.length === 0)).toBe(true)
    expect((await counts())[`${prefix}.race`]).toBe(3)
  })

  it('should refuse a partition count below one', async () => {
    await expect(provisionTopics(admin, { partitions: 0, topics })).rejects.toThrow(RangeError)
  })
})
