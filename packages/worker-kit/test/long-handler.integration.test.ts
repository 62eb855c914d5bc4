import { describe, expect, it } from 'vitest'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testMessage } from './support/schema.js'
import { capturingLogger, startTestWorker } from './support/worker.js'

const SESSION_TIMEOUT_MS = 6_000 // the broker's minimum (group.min.session.timeout.ms)

describe('long handlers', () => {
  it('should not trigger a rebalance or a second delivery when a handler outlives the session timeout', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 2)
    const { log, lines } = capturingLogger()
    const calls = new Map<string, number>()
    let longDone = false
    const { worker } = await startTestWorker(
      kafka,
      t,
      async (m) => {
        calls.set(m.id, (calls.get(m.id) ?? 0) + 1)
        if (m.key === 'long') {
          await new Promise((resolve) => setTimeout(resolve, SESSION_TIMEOUT_MS + 4_000))
          longDone = true
        }
      },
      { log, tuning: { sessionTimeout: SESSION_TIMEOUT_MS, heartbeatInterval: 1_000 } },
    )

    await produce(kafka, t.topic, [
      testMessage('long', 0),
      ...Array.from({ length: 50 }, (_, i) => testMessage(`k${i}`, 0)),
    ])
    // Other keys are not held up by the long one.
    await waitFor('the short messages', () => calls.size === 51, 5_000)
    await waitFor('the long handler', () => longDone, 20_000)
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    await worker.stop({ timeoutMs: 5_000 })

    expect([...calls.values()].every((n) => n === 1)).toBe(true)
    expect(lines.filter((l) => l.msg === 'joined the group')).toHaveLength(1)
    const admin = kafka.admin()
    await admin.connect()
    const [committed] = await admin.fetchOffsets({ groupId: t.group, topics: [t.topic] })
    const latest = await admin.fetchTopicOffsets(t.topic)
    await admin.disconnect()
    // Everything, the long message included, was committed on the way out.
    for (const { partition, high } of latest) {
      expect(committed?.partitions.find((p) => p.partition === partition)?.offset).toBe(high)
    }
  })
})
