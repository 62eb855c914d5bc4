import {
  COLLECTIONS,
  codecs,
  type JobDocument,
  type JobEventV1,
  newJobDocument,
  TOPICS,
} from '@vodscope/contracts'
import { connectMongo } from '@vodscope/infra'
import { Partitioners } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { buildReal, isolatedInfra } from './integration.js'

describe('live job progress from vod.job-events.v1', () => {
  it('should stream the stored state, then the events read from Kafka, and end when the job has finished', async () => {
    const infra = await isolatedInfra()
    const mongo = await connectMongo(infra.infra, infra.dbName)
    const ref = { jobId: 'sse-job', videoKey: 'twitch:5', platform: 'twitch' as const, videoId: '5' }
    await mongo.db.collection<JobDocument>(COLLECTIONS.jobs).insertOne(newJobDocument(ref, false, new Date()))
    await mongo.close()

    const app = await buildReal(infra)
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const response = await fetch(`${address}/v1/jobs/sse-job/events`)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const body = response.text()

    const producer = infra.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
    await producer.connect()
    const at = () => new Date().toISOString()
    const events: JobEventV1[] = [
      { version: 1, ...ref, stage: 'metadata', status: 'done', at: at() },
      { version: 1, ...ref, stage: 'chat', status: 'done', progress: { done: 8, total: 8 }, at: at() },
      { version: 1, ...ref, stage: 'audio', status: 'done', at: at() },
      { version: 1, ...ref, stage: 'highlights', status: 'done', at: at() },
    ]
    // The gateway's throwaway group starts at the end of the topic once it has joined, which takes a
    // moment; repeating the events until the stream ends makes the test independent of that moment.
    let ended = false
    void body.then(() => {
      ended = true
    })
    const deadline = Date.now() + 30_000
    while (!ended && Date.now() < deadline) {
      await producer.send({
        topic: infra.topics.jobEvents,
        messages: events.map((e) => ({ key: e.jobId, value: codecs[TOPICS.jobEvents].encode(e) })),
      })
      await new Promise((r) => setTimeout(r, 500))
    }
    await producer.disconnect()

    const text = await body
    const names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])
    expect(names[0]).toBe('snapshot')
    expect(names).toContain('progress')
    expect(names.at(-1)).toBe('end')
    const end = JSON.parse(text.trimEnd().split('\n').at(-1)!.slice('data: '.length))
    expect(end).toMatchObject({
      jobId: 'sse-job',
      finished: true,
      stages: { chat: { progress: { done: 8, total: 8 } } },
    })
  }, 60_000)
})
