import { describe, expect, it } from 'vitest'
import { type DeadLetter, listDeadLetters, REPLAYED_FROM_HEADER, replayDeadLetters } from '../src/index.js'
import { createTestTopics, produce, testKafka, waitFor } from './support/kafka.js'
import { testMessage } from './support/schema.js'
import { metricValue, startTestWorker } from './support/worker.js'

class Flaky extends Error {
  readonly code = 'TEST_FLAKY'
  readonly retryable = true
}

describe('retries', () => {
  it('should succeed on attempt 3 after backoff delays, without holding up the partition', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 2)
    const attempts: { attempt: number; at: number }[] = []
    const others: string[] = []
    const retry = { attempts: 5, baseMs: 400, maxMs: 5_000, jitter: 0.5 }
    const { registry } = await startTestWorker(
      kafka,
      t,
      async (m, ctx) => {
        if (m.key !== 'flaky') return void others.push(m.id)
        attempts.push({ attempt: ctx.attempt, at: Date.now() })
        if (ctx.attempt < 3) throw new Flaky(`attempt ${ctx.attempt} failed`)
      },
      { retry },
    )

    await produce(kafka, t.topic, [
      testMessage('flaky', 0),
      ...Array.from({ length: 20 }, (_, i) => testMessage(`k${i}`, 0)),
    ])
    await waitFor('the third attempt', () => attempts.length === 3, 30_000)
    expect(others).toHaveLength(20)

    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3])
    const [first, second, third] = attempts.map((a) => a.at) as [number, number, number]
    // Nominal delays 400 ms then 800 ms, each jittered down by at most half; the upper bound allows
    // for the retry topic's fetch round trip.
    expect(second - first).toBeGreaterThanOrEqual(200)
    expect(second - first).toBeLessThan(400 + 1_500)
    expect(third - second).toBeGreaterThanOrEqual(400)
    expect(third - second).toBeLessThan(800 + 1_500)
    await waitFor(
      'the success to count',
      async () => (await metricValue(registry, 'vodscope_worker_processed_total', { topic: t.retry })) === 1,
    )
    expect(await metricValue(registry, 'vodscope_worker_retried_total', { code: 'TEST_FLAKY' })).toBe(2)
    expect(await listDeadLetters(kafka, { group: t.group })).toEqual([])
  })

  it('should dead-letter after the last attempt, and succeed once replayed after the cause is fixed', async () => {
    const kafka = testKafka()
    const t = await createTestTopics(kafka, 2)
    let fixed = false
    const calls: { id: string; attempt: number; replayed: boolean; ok: boolean; final: boolean }[] = []
    const upstreamDown = new Flaky('upstream still down')
    await startTestWorker(
      kafka,
      t,
      async (m, ctx) => {
        calls.push({
          id: m.id,
          attempt: ctx.attempt,
          replayed: REPLAYED_FROM_HEADER in ctx.headers,
          ok: fixed,
          final: ctx.isFinal(upstreamDown),
        })
        if (!fixed) throw upstreamDown
      },
      { retry: { attempts: 3, baseMs: 100, maxMs: 1_000 } },
    )

    await produce(kafka, t.topic, [testMessage('doomed', 0)])
    await waitFor('three attempts', () => calls.length === 3, 30_000)
    let letters: DeadLetter[] = []
    await waitFor('the dead letter', async () => {
      letters = await listDeadLetters(kafka, { group: t.group })
      return letters.length === 1
    })
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3])
    // The handler can tell its last chance to record why (here the third of three attempts).
    expect(calls.map((c) => c.final)).toEqual([false, false, true])
    const [letter] = letters
    expect(letter?.failure).toMatchObject({
      originalTopic: t.topic,
      originalKey: 'doomed',
      errorCode: 'TEST_FLAKY',
      errorMessage: 'upstream still down',
      retryable: true,
      attempts: 3,
    })
    expect(Date.parse(letter!.failure!.lastFailureAt)).toBeGreaterThan(
      Date.parse(letter!.failure!.firstFailureAt),
    )

    fixed = true
    const result = await replayDeadLetters(kafka, { group: t.group, select: { ids: [letter!.id, '9:999'] } })
    expect(result).toEqual({ replayed: [letter!.id], missing: ['9:999'] })
    await waitFor('the replayed message', () => calls.some((c) => c.replayed && c.ok), 30_000)
    expect(calls.at(-1)).toMatchObject({ id: 'doomed#0', attempt: 1, replayed: true, ok: true })

    letters = await listDeadLetters(kafka, { group: t.group })
    expect(letters).toEqual([])
    expect(await replayDeadLetters(kafka, { group: t.group, select: { all: true } })).toEqual({
      replayed: [],
      missing: [],
    })
  })
})
