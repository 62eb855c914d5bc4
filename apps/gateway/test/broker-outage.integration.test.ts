import { setTimeout as sleep } from 'node:timers/promises'
import type { KafkaMessage } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { buildReal, decodeLink, isolatedInfra, kafkaThrough, readTopic } from './integration.js'
import { SocketGate } from './socket-gate.js'

const post = (app: Awaited<ReturnType<typeof buildReal>>, n: number) =>
  app.inject({ method: 'POST', url: '/v1/links', payload: { links: [`https://www.twitch.tv/videos/${n}`] } })

describe('broker outage', () => {
  it('should answer 503 with Retry-After within the produce timeout while Kafka is unreachable, and recover by itself', async () => {
    const infra = await isolatedInfra()
    const gate = new SocketGate()
    const app = await buildReal(
      infra,
      { PRODUCE_TIMEOUT_MS: '2000' },
      { kafka: kafkaThrough(gate.socketFactory) },
    )
    expect((await post(app, 1)).statusCode).toBe(202)

    gate.close()
    const started = Date.now()
    const during = await Promise.all([post(app, 2), post(app, 3)])
    const elapsed = Date.now() - started
    for (const res of during) {
      expect(res.statusCode).toBe(503)
      expect(res.json().code).toBe('BROKER_UNAVAILABLE')
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    }
    expect(elapsed).toBeGreaterThanOrEqual(1_900)
    expect(elapsed).toBeLessThan(4_000)
    const ready = (await app.inject('/readyz')).json()
    expect(ready).toMatchObject({
      status: 'unavailable',
      checks: { kafka: { ok: false }, mongo: { ok: true } },
    })

    gate.open()
    const deadline = Date.now() + 30_000
    let recovered: Awaited<ReturnType<typeof post>> | undefined
    for (let n = 4; Date.now() < deadline; n++) {
      const res = await post(app, n)
      if (res.statusCode === 202) {
        recovered = res
        break
      }
      expect(res.statusCode).toBe(503)
      await sleep(500)
    }
    expect(recovered?.statusCode).toBe(202)

    // Every link answered 202 is on the topic; the ones answered 503 may be too (a send the broker
    // took after the deadline), which is safe: the job id is the same and the pipeline is idempotent.
    const accepted = ['twitch:1', recovered!.json().results[0].videoKey]
    const keysOf = (messages: KafkaMessage[]) => messages.map((m) => decodeLink(m).videoKey)
    const messages = await readTopic(infra.kafka, infra.topics.links, (read) =>
      accepted.every((key) => keysOf(read).includes(key)),
    )
    expect(keysOf(messages)).toEqual(expect.arrayContaining(accepted))
    expect((await app.inject('/readyz')).statusCode).toBe(200)
  }, 90_000)
})
