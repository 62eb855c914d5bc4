import { randomUUID } from 'node:crypto'
import {
  allTopics,
  COLLECTIONS,
  codecs,
  type JobDocument,
  namespace,
  newJobDocument,
  TOPICS,
  type VideoExtractedV1,
} from '@vodscope/contracts'
import { connectMongo, createKafka, type InfraConfig, loadInfraConfig } from '@vodscope/infra'
import { provisionTopics } from '@vodscope/infra/provision'
import { createLogger, createProducer, type WorkerResources } from '@vodscope/worker-kit'
import { Registry } from 'prom-client'
import { buildChatCrawler } from '../../src/chat-crawler.js'
import { loadConfig } from '../../src/config.js'
import type { ChatSource } from '../../src/crawl/chat-source.js'
import type { FuseHighlights } from '../../src/handlers/join-chat.js'
import { type ChatCollections, chatCollections } from '../../src/store/collections.js'

export const PARTITIONS = 4

/**
 * A private pipeline on the shared broker and database for one test: topics and groups under a
 * prefix of their own, its own database, all removed by `close()`. Crawler replicas started with
 * `startReplica` share it, as replicas of one deployment would.
 */
export async function createTestBed(options: { env?: NodeJS.ProcessEnv } = {}) {
  const id = randomUUID().slice(0, 8)
  const infra: InfraConfig = { ...loadInfraConfig(), topicPrefix: `test-${id}.`, partitions: PARTITIONS }
  const env: NodeJS.ProcessEnv = {
    VODSCOPE_CHAT_PLANNER_RETRY_BASE_MS: '100',
    VODSCOPE_CHAT_CHUNKS_RETRY_BASE_MS: '100',
    VODSCOPE_CHAT_CHUNKS_RETRY_MAX_MS: '1000',
    ...options.env,
  }
  const topics = allTopics(infra.topicPrefix)
  const { topics: names } = namespace(infra.topicPrefix)

  const kafka = createKafka(infra, `test-${id}`)
  const admin = kafka.admin()
  await admin.connect()
  await provisionTopics(admin, { partitions: PARTITIONS, topics })
  const producer = createProducer(kafka)
  await producer.connect()
  const mongo = await connectMongo(infra, `test_chat_${id}`)
  const collections: ChatCollections = chatCollections(mongo.db)
  const fused: string[] = []
  const stops: (() => Promise<void>)[] = []

  /**
   * One crawler process's worth of workers, on its own producer as a separate replica would be.
   * `env` adds to the bed's (e.g. `VODSCOPE_CHAT_ROLE`).
   */
  async function startReplica(
    source: ChatSource,
    replica: { fuseHighlights?: FuseHighlights; env?: NodeJS.ProcessEnv } = {},
  ): Promise<void> {
    const replicaEnv = { ...env, ...replica.env }
    const replicaProducer = createProducer(kafka)
    await replicaProducer.connect()
    const resources: WorkerResources = {
      config: { infra, metricsPort: 0, metricsHost: '127.0.0.1', shutdownMs: 5_000, logLevel: 'warn' },
      kafka,
      producer: replicaProducer,
      mongo,
      log: createLogger('chat-test', 'warn'),
      registry: new Registry(),
    }
    const workers = await buildChatCrawler(resources, {
      config: loadConfig(replicaEnv),
      source,
      env: replicaEnv,
      fuseHighlights:
        replica.fuseHighlights ??
        (async (ref) => {
          fused.push(ref.jobId)
        }),
    })
    await Promise.all(workers.map((w) => w.start()))
    stops.push(async () => {
      await Promise.all(workers.map((w) => w.stop()))
      await replicaProducer.disconnect()
    })
  }

  /** Records the job and the video as gateway and extractor would, then hands it to the chat planner. */
  async function submit(video: VideoExtractedV1): Promise<void> {
    await mongo.db
      .collection<JobDocument>(COLLECTIONS.jobs)
      .insertOne(newJobDocument(video, false, new Date()))
    await mongo.db
      .collection<{ _id: string; title: string }>(COLLECTIONS.videos)
      .updateOne({ _id: video.videoKey }, { $set: { title: video.title } }, { upsert: true })
    await producer.send({
      topic: names.videos,
      messages: [{ key: video.videoKey, value: codecs[TOPICS.videos].encode(video) }],
    })
  }

  const job = (jobId: string) => mongo.db.collection<JobDocument>(COLLECTIONS.jobs).findOne({ _id: jobId })

  /** Waits until the job's chat stage is done, skipped or failed, and returns the job. */
  async function chatEnded(jobId: string, timeoutMs = 120_000): Promise<JobDocument> {
    return eventually(async () => {
      const doc = await job(jobId)
      const status = doc?.stages.chat.status
      return status === 'done' || status === 'skipped' || status === 'failed' ? (doc ?? undefined) : undefined
    }, timeoutMs)
  }

  async function close(): Promise<void> {
    await Promise.all(stops.map((stop) => stop()))
    await producer.disconnect()
    await mongo.db.dropDatabase().catch(() => undefined)
    await mongo.close()
    await admin.deleteTopics({ topics }).catch(() => undefined)
    await admin.disconnect()
  }

  return {
    infra,
    mongo,
    collections,
    producer,
    fused,
    startReplica,
    submit,
    job,
    chatEnded,
    close,
  }
}

export type TestBed = Awaited<ReturnType<typeof createTestBed>>

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(200)
  }
}

export function videoMessage(
  platform: VideoExtractedV1['platform'],
  videoId: string,
  parts: VideoExtractedV1['parts'],
): VideoExtractedV1 {
  return {
    version: 1,
    jobId: `job_${randomUUID().slice(0, 12)}`,
    videoKey: `${platform}:${videoId}`,
    platform,
    videoId,
    title: `video ${videoId}`,
    durationSec: parts.reduce((sum, p) => sum + p.durationSec, 0),
    channel: { id: 'c1', name: 'Channel' },
    parts,
    extractedAt: new Date().toISOString(),
  }
}
