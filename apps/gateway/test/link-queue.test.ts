import { setTimeout as sleep } from 'node:timers/promises'
import { codecs, type LinkSubmittedV1, TOPICS } from '@vodscope/contracts'
import type { Message } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { GatewayError } from '../src/errors.js'
import { createMetrics } from '../src/metrics.js'
import type { MessageSender } from '../src/services/kafka-producer.js'
import { createBatchedLinkQueue } from '../src/services/link-queue.js'

class FakeSender implements MessageSender {
  readonly sends: Array<{ topic: string; messages: Message[] }> = []
  hang = false

  async send(topic: string, messages: Message[]) {
    while (this.hang) await sleep(5)
    await sleep(2) // a broker round trip
    this.sends.push({ topic, messages })
  }

  async close() {}
}

function link(n: number): LinkSubmittedV1 {
  return {
    version: 1,
    jobId: `job${n}`,
    videoKey: `twitch:${n}`,
    platform: 'twitch',
    videoId: String(n),
    submittedAt: new Date(0).toISOString(),
    force: false,
  }
}

function queue(sender: FakeSender, timeoutMs = 1_000) {
  const metrics = createMetrics()
  const q = createBatchedLinkQueue({
    sender,
    topicPrefix: 'p.',
    timeoutMs,
    maxBatch: 1000,
    lingerMs: 0,
    metrics,
  })
  return { q, metrics }
}

describe('batched link queue', () => {
  it('should produce each link to the prefixed links topic, keyed by videoKey, encoded by the contract codec', async () => {
    const sender = new FakeSender()
    await queue(sender).q.publish([link(1), link(2)])
    expect(sender.sends).toHaveLength(1)
    const { topic, messages } = sender.sends[0]!
    expect(topic).toBe(`p.${TOPICS.links}`)
    expect(messages.map((m) => String(m.key))).toEqual(['twitch:1', 'twitch:2'])
    expect(codecs[TOPICS.links].decode(messages[0]!.value as Buffer)).toEqual(link(1))
  })

  it('should share one broker round trip among many concurrent requests', async () => {
    const sender = new FakeSender()
    const { q, metrics } = queue(sender)
    await Promise.all(Array.from({ length: 200 }, (_, i) => q.publish([link(i)])))
    expect(sender.sends.flatMap((s) => s.messages)).toHaveLength(200)
    expect(sender.sends.length).toBeLessThanOrEqual(2)
    expect(await metrics.registry.getSingleMetricAsString('kafka_produce_batch_messages')).toContain(
      'kafka_produce_batch_messages_count',
    )
  })

  it('should reject with BROKER_UNAVAILABLE within the timeout when the broker does not answer, and recover', async () => {
    const sender = new FakeSender()
    const { q } = queue(sender, 100)
    sender.hang = true
    const started = Date.now()
    const error = await q.publish([link(1)]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GatewayError)
    expect((error as GatewayError).code).toBe('BROKER_UNAVAILABLE')
    expect(Date.now() - started).toBeLessThan(500)

    sender.hang = false
    await q.publish([link(2)])
    expect(sender.sends.flatMap((s) => s.messages).map((m) => String(m.key))).toContain('twitch:2')
  })

  it('should refuse a message the contract would reject before it reaches the broker', async () => {
    const sender = new FakeSender()
    await expect(queue(sender).q.publish([{ ...link(1), videoKey: 'vimeo:1' }])).rejects.toThrow(/videoKey/)
    expect(sender.sends).toHaveLength(0)
  })
})
