import { describe, expect, it } from 'vitest'
import { spawnFixture } from './support/child.js'
import { allRuns, type EffectDocument } from './support/effects.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'
import { testMessage } from './support/schema.js'

const MESSAGES = 600 // FerretDB manages a few hundred writes a second, fewer under load

describe('crash recovery', () => {
  it('should lose nothing when a worker is SIGKILLed mid-batch and another takes over', async () => {
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
    const runsBeforeKill = allRuns(await effects.find({}).toArray()).length

    const second = spawnFixture('effect-worker', env)
    await waitFor('every effect', async () => (await effects.countDocuments()) === MESSAGES, 120_000).catch(
      (err: Error) => {
        throw new Error(`${err.message}\n${second.output()}`)
      },
    )
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    // At least once: every message has exactly one effect, and both processes did some of the work.
    const docs = await effects.find({}).toArray()
    expect(new Set(docs.map((d) => d._id)).size).toBe(MESSAGES)
    const runs = allRuns(docs)
    expect(new Set(runs.map((r) => r.pid)).size).toBe(2)
    const repeats = runs.length - MESSAGES
    // Only work in flight or not yet committed at the kill repeats: far less than ran before it.
    expect(repeats).toBeLessThan(runsBeforeKill / 2)
    console.info(`kill test: ${runsBeforeKill} runs before SIGKILL, ${repeats} repeated after takeover`)
  })
})
