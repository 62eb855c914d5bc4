import { describe, expect, it } from 'vitest'
import { FAILURE_HEADERS, listDeadLetters, WorkerError } from '../src/index.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testMessage } from './support/schema.js'
import { metricValue, startTestWorker } from './support/worker.js'

describe('poison messages', () => {
  it('should dead-letter invalid payloads and permanent failures within a second, and keep the partition flowing', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 3)
    const handled: string[] = []
    const { registry } = await startTestWorker(kafka, t, async (m) => {
      if (m.id === 'k#2') throw new WorkerError('WORKER_PERMANENT', 'this video no longer exists')
      handled.push(m.id)
    })

    const wrongVersion = JSON.stringify({ version: 2, id: 'v2', key: 'k', seq: 0 })
    const producedAt = Date.now()
    // One key, so one partition and one lane: the poison sits right in the path of the rest.
    await produce(kafka, t.topic, [
      testMessage('k', 0),
      { key: 'k', value: '{not json' },
      testMessage('k', 1),
      { key: 'k', value: wrongVersion },
      testMessage('k', 2),
      testMessage('k', 3),
      testMessage('k', 4),
    ])

    await waitFor('the valid messages', () => handled.length === 4, 30_000)
    expect(handled).toEqual(['k#0', 'k#1', 'k#3', 'k#4'])

    const letters = await listDeadLetters(kafka, { group: t.group })
    expect(letters.map((l) => l.failure?.errorCode).sort()).toEqual([
      'CONTRACT_INVALID_JSON',
      'CONTRACT_UNSUPPORTED_VERSION',
      'WORKER_PERMANENT',
    ])
    for (const letter of letters) {
      expect(Date.parse(letter.at) - producedAt).toBeLessThan(1_000)
      expect(letter.failure).toMatchObject({
        originalTopic: t.topic,
        originalKey: 'k',
        attempts: 1,
        retryable: false,
      })
      expect(letter.headers[FAILURE_HEADERS.errorMessage]?.length).toBeGreaterThan(0)
    }
    const permanent = letters.find((l) => l.failure?.errorCode === 'WORKER_PERMANENT')
    expect(permanent?.failure?.errorMessage).toBe('this video no longer exists')
    expect(permanent?.value?.toString()).toBe(testMessage('k', 2).value)
    expect(
      await metricValue(registry, 'vodscope_worker_dead_lettered_total', { code: 'CONTRACT_INVALID_JSON' }),
    ).toBe(1)
    expect(await metricValue(registry, 'vodscope_worker_processed_total')).toBe(4)
  })
})
