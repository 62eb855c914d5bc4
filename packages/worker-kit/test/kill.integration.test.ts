import { describe, expect, it } from 'vitest'
import { spawnFixture } from './support/child.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'
import { testMessage } from './support/schema.js'

const MESSAGES = 1_000 // FerretDB takes ~200 writes/s and each message writes twice

describe('crash recovery', () => {
  it('should lose nothing when a worker is SIGKILLed mid-batch and another takes over', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 4)
    const db = await testDatabase()
    const effects = db.db.collection('effects')
    const runs = db.db.collection<{ id: string; pid: number }>('runs')
    const messages = Array.from({ length: MESSAGES }, (_, i) =>
      testMessage(`key-${i % 50}`, Math.floor(i / 50)),
    )
    await produce(kafka, t.topic, messages)
    const env = { TEST_TOPIC: t.topic, TEST_GROUP: t.group, MONGO_DB: db.name, TEST_HANDLER_MS: '2-10' }

    const first = spawnFixture('effect-worker', env)
    await waitFor(
      'the first worker to be well into the topic',
      async () => (await runs.countDocuments()) >= 300,
      60_000,
    )
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')
    const runsBeforeKill = await runs.countDocuments()

    const second = spawnFixture('effect-worker', env)
    await waitFor('every effect', async () => (await effects.countDocuments()) === MESSAGES, 90_000).catch(
      (err) => {
        throw new Error(`${(err as Error).message}\n${second.output()}`)
      },
    )
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    // At least once: every message has its one effect; the runs of both processes account for all.
    const ids = new Set(
      (await effects.find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)),
    )
    expect(ids.size).toBe(MESSAGES)
    const allRuns = await runs.find({}).toArray()
    const pids = new Set(allRuns.map((r) => r.pid))
    expect(pids.size).toBe(2)
    const repeats = allRuns.length - new Set(allRuns.map((r) => r.id)).size
    // Only work that was in flight or not yet committed at the kill repeats: never more than ran before it.
    expect(repeats).toBeLessThan(runsBeforeKill)
    console.info(`kill test: ${runsBeforeKill} runs before SIGKILL, ${repeats} repeated after takeover`)
  })
})
