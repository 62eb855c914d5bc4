import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger, createWorker, type Worker } from '../src/index.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { TestMessage, testMessage } from './support/schema.js'

const log = createLogger('test', 'silent')
let worker: Worker | undefined
afterEach(() => worker?.stop({ timeoutMs: 5_000 }))

describe('ordering', () => {
  it('should keep per-key order at concurrency 32 over 10,000 messages and 100 keys, with keys overlapping', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 6)
    const keys = Array.from({ length: 100 }, (_, k) => `key-${k}`)
    const messages = []
    for (let seq = 0; seq < 100; seq++) for (const key of keys) messages.push(testMessage(key, seq))
    await produce(kafka, t.topic, messages)

    const lastSeq = new Map<string, number>()
    const active = new Set<string>()
    const violations: string[] = []
    let handled = 0
    let running = 0
    let maxRunning = 0
    worker = createWorker({
      name: 'ordering',
      kafka,
      group: t.group,
      topic: t.topic,
      schema: TestMessage,
      concurrency: 32,
      log,
      handle: async (m) => {
        if (active.has(m.key)) violations.push(`${m.key} ran twice at once`)
        const expected = (lastSeq.get(m.key) ?? -1) + 1
        if (m.seq !== expected) violations.push(`${m.key}: got ${m.seq}, expected ${expected}`)
        active.add(m.key)
        maxRunning = Math.max(maxRunning, ++running)
        await sleep(Math.random() * 2)
        running--
        active.delete(m.key)
        lastSeq.set(m.key, m.seq)
        handled++
      },
    })
    await worker.start()
    await waitFor('10,000 messages handled', () => handled >= messages.length, 120_000)

    expect(violations).toEqual([])
    expect(handled).toBe(messages.length)
    expect([...lastSeq.values()].every((seq) => seq === 99)).toBe(true)
    // Different keys overlapped in time, up to the concurrency bound and never beyond it.
    expect(maxRunning).toBeGreaterThanOrEqual(16)
    expect(maxRunning).toBeLessThanOrEqual(32)
  })
})
