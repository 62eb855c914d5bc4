import { describe, expect, it } from 'vitest'
import { spawnFixture } from './support/child.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'
import { testMessage } from './support/schema.js'

const MESSAGES = 800 // FerretDB takes ~200 writes/s and each message writes twice
const SHUTDOWN_MS = 3_000
const SLOW_IDS = ['key-0#5', 'key-1#5', 'key-2#5'] // outlive the deadline in the first process

describe('graceful stop', () => {
  it('should exit 0 within the deadline on SIGTERM and never repeat work that finished before the signal', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 4)
    const db = await testDatabase()
    const effects = db.db.collection('effects')
    const runs = db.db.collection<{ id: string; pid: number; finishedAt: Date }>('runs')
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
      async () => (await runs.countDocuments()) >= 200,
      60_000,
    )
    const signalledAt = Date.now()
    first.child.kill('SIGTERM')
    const exit = await first.exited
    expect(exit.code, first.output()).toBe(0)
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_MS + 500)

    const second = spawnFixture('effect-worker', { ...env, TEST_HANDLER_MS: '1-5' })
    await waitFor('every effect', async () => (await effects.countDocuments()) === MESSAGES, 90_000)
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    const allRuns = await runs.find({}).toArray()
    const firstPid = first.child.pid
    const finishedBeforeSignal = new Set(
      allRuns.filter((r) => r.pid === firstPid && r.finishedAt.getTime() < signalledAt).map((r) => r.id),
    )
    const repeated = allRuns
      .filter((r) => r.pid !== firstPid && finishedBeforeSignal.has(r.id))
      .map((r) => r.id)
    expect(repeated).toEqual([])
    // Stronger: nothing the first process finished at all (in the drain too) ran again; only the
    // abandoned slow messages moved to the second.
    const firstFinished = new Set(allRuns.filter((r) => r.pid === firstPid).map((r) => r.id))
    expect(allRuns.filter((r) => r.pid !== firstPid && firstFinished.has(r.id))).toEqual([])
    expect(SLOW_IDS.every((id) => !firstFinished.has(id))).toBe(true)
    expect(allRuns.length).toBe(MESSAGES)
  })
})
