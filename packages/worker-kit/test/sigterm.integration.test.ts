import { describe, expect, it } from 'vitest'
import { spawnFixture } from './support/child.js'
import { allRuns, type EffectDocument } from './support/effects.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'
import { testMessage } from './support/schema.js'

const MESSAGES = 600 // FerretDB manages a few hundred writes a second, fewer under load
// The production default: under a loaded CI box the final commit needs its share of the budget.
const SHUTDOWN_MS = 8_000
const SLOW_IDS = ['key-0#5', 'key-1#5', 'key-2#5'] // outlive the deadline in the first process

describe('graceful stop', () => {
  it('should exit 0 within the deadline on SIGTERM and never repeat work that finished before the signal', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 4)
    const db = await testDatabase()
    const effects = db.db.collection<EffectDocument>('effects')
    await produce(
      kafka,
      t.topic,
      Array.from({ length: MESSAGES }, (_, i) => testMessage(`key-${i % 40}`, Math.floor(i / 40))),
    )
    const env = {
      TEST_TOPIC: t.topic,
      TEST_GROUP: t.group,
      MONGO_DB: db.name,
      VODSCOPE_SHUTDOWN_MS: String(SHUTDOWN_MS),
    }

    const first = spawnFixture('effect-worker', {
      ...env,
      TEST_HANDLER_MS: '20-80',
      TEST_SLOW_IDS: SLOW_IDS.join(','),
    })
    await waitFor(
      'the first worker to be under load',
      async () => (await effects.countDocuments()) >= 150,
      120_000,
    )
    const signalledAt = Date.now()
    first.child.kill('SIGTERM')
    const exit = await first.exited
    expect(exit.code, first.output()).toBe(0)
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_MS + 500)

    const second = spawnFixture('effect-worker', { ...env, TEST_HANDLER_MS: '1-5' })
    await waitFor('every effect', async () => (await effects.countDocuments()) === MESSAGES, 120_000)
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    const runs = allRuns(await effects.find({}).toArray())
    const firstPid = first.child.pid
    const finishedBeforeSignal = new Set(
      runs.filter((r) => r.pid === firstPid && r.finishedAt.getTime() < signalledAt).map((r) => r.id),
    )
    const repeated = runs.filter((r) => r.pid !== firstPid && finishedBeforeSignal.has(r.id)).map((r) => r.id)
    expect(repeated).toEqual([])
    // Stronger: nothing the first process finished at all (in the drain too) ran again; only the
    // abandoned slow messages moved to the second.
    const firstFinished = new Set(runs.filter((r) => r.pid === firstPid).map((r) => r.id))
    expect(runs.filter((r) => r.pid !== firstPid && firstFinished.has(r.id))).toEqual([])
    expect(SLOW_IDS.every((id) => !firstFinished.has(id))).toBe(true)
    expect(runs.length).toBe(MESSAGES)
  })
})
