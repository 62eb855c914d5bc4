import { randomUUID } from 'node:crypto'
import { seedAudioJob } from '@vodscope/audio-analyzer/testing'
import { allTopics, COLLECTIONS, type JobDocument, type Platform, TOPICS } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import { startSim } from '@vodscope/upstream-sim'
import { createProducer } from '@vodscope/worker-kit'
import { sleep } from '../lib.js'

/**
 * The benchmark's own corner of the running stack: topics and groups under a fresh prefix, its own
 * database, and the upstream simulator in this process. Jobs are recorded and handed to the audio
 * planner the way the gateway and extractor would, so only the audio stage is timed.
 */
export async function benchStack(partitions: number) {
  const id = randomUUID().slice(0, 8)
  const env = { ...process.env, TOPIC_PREFIX: `bench-audio-${id}.`, MONGO_DB: `bench_audio_${id}` }
  const infra = loadInfraConfig(env)
  const kafka = createKafka(infra, `bench-audio-${id}`)
  const admin = kafka.admin()
  await admin.connect()
  const topics = allTopics(infra.topicPrefix)
  await provisionTopics(admin, { partitions, topics: [...topics, TOPICS.jobEvents] })
  const producer = createProducer(kafka)
  await producer.connect()
  const mongo = await connectMongo(infra)
  const sim = await startSim({ port: 0, logLevel: 'silent' })
  const jobs = mongo.db.collection<JobDocument>(COLLECTIONS.jobs)

  /** A fresh job for the video, chat marked skipped so the audio stage is the last one. */
  async function submit(platform: Platform, videoId: string): Promise<string> {
    const target = { db: mongo.db, producer, topicPrefix: infra.topicPrefix }
    const { jobId } = await seedAudioJob(target, platform, videoId, sim.truth(platform, videoId))
    return jobId
  }

  /** Resolves with the job once its highlights are ranked, or throws with the stage states. */
  async function waitForHighlights(jobId: string, timeoutMs: number): Promise<JobDocument> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const job = await jobs.findOne({ _id: jobId })
      const stages = job?.stages
      if (stages?.highlights.status === 'done') return job as JobDocument
      if (stages?.audio.status === 'failed' || Date.now() > deadline) {
        throw new Error(`job ${jobId} did not finish: ${JSON.stringify(stages)}`)
      }
      await sleep(50)
    }
  }

  async function close(): Promise<void> {
    await sim.close()
    await producer.disconnect()
    await mongo.db.dropDatabase()
    await mongo.close()
    await admin.deleteTopics({ topics }).catch(() => undefined)
    await admin.disconnect()
  }

  return { env, sim, submit, waitForHighlights, close }
}

export type BenchStack = Awaited<ReturnType<typeof benchStack>>
