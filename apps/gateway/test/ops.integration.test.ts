import { randomUUID } from 'node:crypto'
import { allTopics, dlqTopic, GROUPS, namespace } from '@vodscope/contracts'
import { createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import { FAILURE_HEADERS } from '@vodscope/worker-kit'
import { Partitioners } from 'kafkajs'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { DeadLettersResponse, GroupsResponse, TopicsResponse } from '../src/schemas/ops.js'
import { buildReal, countMessages } from './integration.js'

/** Every pipeline topic under a fresh prefix (2 partitions each), removed when the test ends. */
async function isolatedPipelineTopics() {
  const id = randomUUID()
  const prefix = `test-${id}.`
  const kafka = createKafka(loadInfraConfig(), `gateway-ops-test-${id}`)
  const admin = kafka.admin()
  await admin.connect()
  await provisionTopics(admin, { partitions: 2, topics: allTopics(prefix) })
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  onTestFinished(async () => {
    await producer.disconnect()
    await admin.deleteTopics({ topics: allTopics(prefix) }).catch(() => undefined)
    await admin.deleteGroups([prefix + GROUPS.extractor]).catch(() => undefined)
    await admin.disconnect()
  })
  return { prefix, admin, producer, names: namespace(prefix) }
}

describe('ops API against the real broker', () => {
  it('should report end offsets, lag from committed offsets, and replay a dead letter to its topic', async () => {
    const { prefix, admin, producer, names } = await isolatedPipelineTopics()
    const app = await buildReal({ prefix, dbName: `test-${randomUUID()}` })
    const links = names.topics.links
    const group = names.groups.extractor

    await producer.send({
      topic: links,
      messages: ['a', 'b', 'c'].map((value) => ({ partition: 0, key: 'twitch:1', value })),
    })
    await admin.setOffsets({ groupId: group, topic: links, partitions: [{ partition: 0, offset: '1' }] })

    const topics = (await app.inject('/v1/ops/topics')).json<TopicsResponse>()
    expect(topics.topics.map((t) => t.topic)).toEqual(allTopics(prefix))
    expect(topics.topics.find((t) => t.topic === links)).toEqual({
      topic: links,
      partitions: [
        { partition: 0, endOffset: '3' },
        { partition: 1, endOffset: '0' },
      ],
      messages: 3,
    })

    const groups = (await app.inject('/v1/ops/groups')).json<GroupsResponse>()
    expect(groups.groups.map((g) => g.group)).toEqual(Object.values(GROUPS))
    const extractor = groups.groups.find((g) => g.group === GROUPS.extractor)!
    expect(extractor).toMatchObject({ groupId: group, members: 0, totalLag: 2 })
    expect(extractor.partitions).toContainEqual({
      topic: links,
      partition: 0,
      endOffset: '3',
      committedOffset: '1',
      lag: 2,
    })
    expect(extractor.partitions.map((p) => p.topic)).toContain(`${group}.retry`)

    const at = new Date().toISOString()
    await producer.send({
      topic: dlqTopic(group),
      messages: [
        {
          key: 'twitch:1',
          value: 'poison',
          headers: {
            [FAILURE_HEADERS.originalTopic]: links,
            [FAILURE_HEADERS.originalPartition]: '0',
            [FAILURE_HEADERS.originalOffset]: '2',
            [FAILURE_HEADERS.originalKey]: 'twitch:1',
            [FAILURE_HEADERS.group]: group,
            [FAILURE_HEADERS.errorCode]: 'TEST_POISON',
            [FAILURE_HEADERS.errorMessage]: 'cannot be handled',
            [FAILURE_HEADERS.retryable]: 'false',
            [FAILURE_HEADERS.attempts]: '1',
            [FAILURE_HEADERS.firstFailureAt]: at,
            [FAILURE_HEADERS.lastFailureAt]: at,
          },
        },
      ],
    })
    const listed = (
      await app.inject(`/v1/ops/dead-letters?group=${GROUPS.extractor}`)
    ).json<DeadLettersResponse>()
    expect(listed.total).toBe(1)
    const [letter] = listed.deadLetters
    expect(letter).toMatchObject({
      group: GROUPS.extractor,
      key: 'twitch:1',
      reason: 'TEST_POISON: cannot be handled',
      attempts: 1,
      original: { topic: links, partition: 0, offset: '2' },
    })

    const replay = await app.inject({
      method: 'POST',
      url: '/v1/ops/dead-letters/replay',
      payload: { group: GROUPS.extractor, ids: [letter!.id] },
    })
    expect(replay.json()).toEqual({ replayed: 1, replayedIds: [letter!.id], missing: [] })
    expect(await countMessages(admin, links)).toBe(4)
    const after = (
      await app.inject(`/v1/ops/dead-letters?group=${GROUPS.extractor}`)
    ).json<DeadLettersResponse>()
    expect(after.total).toBe(0)
  }, 60_000)
})
