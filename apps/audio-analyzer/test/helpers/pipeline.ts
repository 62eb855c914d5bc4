import { randomUUID } from 'node:crypto'
import {
  allTopics,
  COLLECTIONS,
  type HighlightsDocument,
  type JobDocument,
  type Platform,
  TOPICS,
} from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import { createPlatforms, UPSTREAMS } from '@vodscope/platforms'
import { type SimOptionsInput, startSim } from '@vodscope/upstream-sim'
import { createLogger, createProducer, type Worker, type WorkerResources } from '@vodscope/worker-kit'
import { Registry } from 'prom-client'
import { buildAudioAnalyzer } from '../../src/audio-analyzer.js'
import { type AudioAnalyzerConfig, loadConfig } from '../../src/config.js'
import type { ResolveAudioSource } from '../../src/pipeline/plan-handler.js'
import { seedAudioJob } from '../../src/testing/seed-job.js'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A private pipeline on the shared broker and database for one test: topics and groups under a
 * prefix of their own, its own database, an upstream simulator, all removed by `close()`.
 */
export async function isolatedPipeline(options: { sim?: SimOptionsInput; partitions?: number } = {}) {
  const id = randomUUID().slice(0, 8)
  const env = { ...process.env, TOPIC_PREFIX: `test-audio-${id}.`, MONGO_DB: `test_audio_${id}` }
  const infra = loadInfraConfig(env)
  const kafka = createKafka(infra, `test-audio-${id}`)
  const admin = kafka.admin()
  await admin.connect()
  const topics = allTopics(infra.topicPrefix)
  // Job events are not namespaced (worker-kit emits to the one topic); provisioning it is idempotent.
  await provisionWithRetry(() =>
    provisionTopics(admin, { partitions: options.partitions ?? 4, topics: [...topics, TOPICS.jobEvents] }),
  )
  const producer = createProducer(kafka)
  await producer.connect()
  const mongo = await connectMongo(infra)
  const sim = await startSim({ port: 0, logLevel: 'warn', ...options.sim })
  const platforms = createPlatforms({
    baseUrls: Object.fromEntries(UPSTREAMS.map((u) => [u, sim.url])),
    retry: { retries: 1 },
  })
  const resources: WorkerResources = {
    config: { infra, metricsPort: 0, metricsHost: '127.0.0.1', shutdownMs: 5_000, logLevel: 'warn' },
    kafka,
    producer,
    mongo,
    log: createLogger('audio-test', 'error'),
    registry: new Registry(),
  }
  const { db } = mongo
  const jobs = db.collection<JobDocument>(COLLECTIONS.jobs)
  let workers: Worker[] = []

  /** Starts planner and segment workers in this process; `config` overrides the defaults. */
  async function start(
    overrides: Partial<AudioAnalyzerConfig> = {},
    more: { env?: NodeJS.ProcessEnv; resolveSource?: ResolveAudioSource } = {},
  ): Promise<Worker[]> {
    // Media from this test's simulator and local fixture files only.
    const config = {
      ...loadConfig({ VODSCOPE_UPSTREAM_URL: sim.url, VODSCOPE_MEDIA_LOCAL_FILES: '1' }),
      ...overrides,
    }
    const started = await buildAudioAnalyzer(
      { ...resources, registry: new Registry() },
      {
        config,
        env: { ...env, ...more.env },
        resolveSource: more.resolveSource ?? ((p, v, parts) => platforms.resolveAudioSource(p, v, parts)),
      },
    )
    await Promise.all(started.map((w) => w.start()))
    workers.push(...started)
    return started
  }

  /** Records a job and hands the video to the audio planner (see `seedAudioJob`). */
  async function submit(
    platform: Platform,
    videoId: string,
    chat: 'skipped' | 'queued' | 'done' = 'skipped',
  ) {
    const truth = sim.truth(platform, videoId)
    const ref = await seedAudioJob(
      { db, producer, topicPrefix: infra.topicPrefix },
      platform,
      videoId,
      truth,
      chat,
    )
    return { ...ref, truth }
  }

  /** Waits until `probe` returns something, polling the job document. */
  async function waitForJob(jobId: string, done: (job: JobDocument) => boolean, timeoutMs = 300_000) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const job = await jobs.findOne({ _id: jobId })
      if (job !== null && done(job)) return job
      if (Date.now() > deadline)
        throw new Error(`job ${jobId} not there in time: ${JSON.stringify(job?.stages)}`)
      await sleep(250)
    }
  }

  const highlights = (videoKey: string) =>
    db.collection<HighlightsDocument>(COLLECTIONS.highlights).findOne({ _id: videoKey })

  async function stopWorkers(): Promise<void> {
    await Promise.all(workers.map((w) => w.stop({ timeoutMs: 5_000 })))
    workers = []
  }

  async function close(): Promise<void> {
    await stopWorkers()
    // platforms closes its shared agent twice (HttpClient and Ytdl); the second close throws.
    await platforms.close().catch(() => undefined)
    await sim.close()
    await producer.disconnect()
    await db.dropDatabase()
    await mongo.close()
    await admin.deleteTopics({ topics }).catch(() => undefined)
    await admin.disconnect()
  }

  return { id, env, infra, db, producer, sim, start, submit, waitForJob, highlights, stopWorkers, close }
}

/**
 * The broker sometimes answers the leader wait of freshly created topics with "does not host this
 * topic-partition" while other tests create and delete topics; provisioning is idempotent, so again.
 */
async function provisionWithRetry(provision: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await provision()
      return
    } catch (err) {
      if (attempt >= 5) throw err
      await sleep(500 * attempt)
    }
  }
}

export type Pipeline = Awaited<ReturnType<typeof isolatedPipeline>>

/** A stage that can no longer change. */
export const finished = (status: string) => status === 'done' || status === 'failed' || status === 'skipped'
