import { describe, expect, it } from 'vitest'
import { decodeDoneAhead } from '../src/commit-metadata.js'
import { spawnFixture } from './support/child.js'
import type { EffectDocument } from './support/effects.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'
import { testMessage } from './support/schema.js'

const MESSAGES = 600

describe('crash recovery', () => {
  it('should lose nothing when a worker is SIGKILLed mid-batch, and repeat only what the group had not committed', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 4)
    const db = await testDatabase()
    const effects = db.db.collection<EffectDocument>('effects')
    const messages = Array.from({ length: MESSAGES }, (_, i) =>
      testMessage(`key-${i % 50}`, Math.floor(i / 50)),
    )
    await produce(kafka, t.topic, messages)
    const env = { TEST_TOPIC: t.topic, TEST_GROUP: t.group, MONGO_DB: db.name, TEST_HANDLER_MS: '2-10' }

    const first = spawnFixture('effect-worker', env)
    await waitFor(
      'the first worker to be well into the topic',
      async () => (await effects.countDocuments()) >= 200,
      120_000,
    )
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')
    const firstPid = first.child.pid

    // What the dead worker had committed: everything below each partition's offset, plus the finished
    // offsets beyond it carried in the commit's metadata (commit-metadata.ts).
    const admin = kafka.admin()
    await admin.connect()
    const [committed] = await admin.fetchOffsets({ groupId: t.group, topics: [t.topic] })
    await admin.disconnect()
    const coverage = new Map(
      (committed?.partitions ?? []).map(({ partition, offset, metadata }) => {
        const base = Number(offset)
        return [partition, { base, doneAhead: decodeDoneAhead(base, metadata) }] as const
      }),
    )
    const isCommitted = (doc: EffectDocument) => {
      const c = coverage.get(doc.partition)
      return c !== undefined && c.base >= 0 && (doc.offset < c.base || c.doneAhead.has(doc.offset))
    }

    const second = spawnFixture('effect-worker', env)
    await waitFor('every effect', async () => (await effects.countDocuments()) === MESSAGES, 120_000).catch(
      (err: Error) => {
        throw new Error(`${err.message}\n${second.output()}`)
      },
    )
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    // At least once: every message has an effect, and both processes did some of the work.
    const docs = await effects.find({}).toArray()
    expect(new Set(docs.map((d) => d._id)).size).toBe(MESSAGES)
    const ranFirst = docs.filter((d) => d.runs.some((r) => r.pid === firstPid))
    const ranSecond = docs.filter((d) => d.runs.some((r) => r.pid !== firstPid))
    expect(ranFirst.length).toBeGreaterThan(0)
    expect(ranSecond.length).toBeGreaterThan(0)
    expect(docs.every((d) => d.runs.length >= 1)).toBe(true)

    // The commit policy is the bound: a message the group had committed (offset or done-ahead
    // metadata) is never run again, and one the first worker finished without it being committed
    // is run again exactly once by the next owner. Nothing else repeats.
    const repeated = docs.filter((d) => d.runs.length > 1).map((d) => d._id)
    const finishedUncommitted = ranFirst.filter((d) => !isCommitted(d)).map((d) => d._id)
    expect(
      [...repeated].sort(),
      'repeats must be exactly the messages finished but not yet committed when the worker was killed',
    ).toEqual([...finishedUncommitted].sort())
    expect(docs.every((d) => d.runs.length <= 2)).toBe(true)
    console.info(
      `kill test: ${ranFirst.length} messages finished before SIGKILL, ${repeated.length} of them uncommitted and repeated`,
    )
  })
})
