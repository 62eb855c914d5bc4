import { randomUUID } from 'node:crypto'
import { chatCollections, readChatMessages } from '@vodscope/chat-crawler'
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
import { connectMongo, createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import { createProducer } from '@vodscope/worker-kit'
import { sleep } from '../lib.js'
import { PER_MESSAGE_COLLECTION } from './per-message.js'

const PARTITIONS = 12 // the compose default: room for every replica the benchmark starts

/**
 * One run's own corner of the running stack: topics and groups under a fresh prefix and a database of
 * its own, so every run starts empty. Jobs are recorded and handed to the chat planner the way the
 * gateway and extractor would, so only the chat stage is timed.
 */
export async function benchCorner() {
  const id = randomUUID().slice(0, 8)
  const env = { ...process.env, TOPIC_PREFIX: `bench-chat-${id}.`, MONGO_DB: `bench_chat_${id}` }
  const infra = loadInfraConfig(env)
  const { topics, groups } = namespace(infra.topicPrefix)
  const kafka = createKafka(infra, `bench-chat-${id}`)
  const admin = kafka.admin()
  await admin.connect()
  const all = allTopics(infra.topicPrefix)
  await provisionTopics(admin, { partitions: PARTITIONS, topics: [...all, TOPICS.jobEvents] })
  const producer = createProducer(kafka)
  await producer.connect()
  const mongo = await connectMongo(infra)
  const jobs = mongo.db.collection<JobDocument>(COLLECTIONS.jobs)
  const { batches } = chatCollections(mongo.db)

  /** Waits until both consumer groups are stable with `members` members each (every replica joined). */
  async function groupsSettled(members: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const { groups: described } = await admin.describeGroups([groups.chatPlanner, groups.chatChunks])
      if (described.every((g) => g.state === 'Stable' && g.members.length === members)) return
      if (Date.now() > deadline) throw new Error(`groups did not settle: ${JSON.stringify(described)}`)
      await sleep(200)
    }
  }

  /** Records a fresh job for the video with its metadata stage done, as the extractor leaves it. */
  async function record(video: VideoExtractedV1): Promise<void> {
    const job = newJobDocument(video, false, new Date())
    job.stages.metadata.status = 'done'
    await jobs.insertOne(job)
  }

  /** Hands the recorded job's video to the chat planner: the vod.videos.v1 message the clock starts at. */
  async function submit(video: VideoExtractedV1): Promise<void> {
    await producer.send({
      topic: topics.videos,
      messages: [{ key: video.videoKey, value: codecs[TOPICS.videos].encode(video) }],
    })
  }

  /**
   * Resolves once the job's chat stage is `done`, read every 10 ms: the clock stops at most that long
   * after the stage finished (at 50 ms, the polling alone added 25 ms to a 2-second run on average).
   */
  async function chatDone(jobId: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const status = (await jobs.findOne({ _id: jobId }))?.stages.chat.status
      if (status === 'done') return
      if (status === 'failed' || status === 'skipped' || Date.now() > deadline) {
        throw new Error(`job ${jobId}: chat stage ${status}`)
      }
      await sleep(10)
    }
  }

  /**
   * Stored messages against the truth: how many, how many of them expected at that offset. `layout`
   * `per-message` reads the previous layout's collection (baseline.ts writes it for comparison).
   */
  async function completeness(
    videoKey: string,
    expected: ReadonlyMap<string, number>,
    layout: 'batches' | 'per-message' = 'batches',
  ) {
    const platform = videoKey.slice(0, videoKey.indexOf(':'))
    const stored =
      layout === 'batches'
        ? (await readChatMessages(batches, videoKey)).map((m) => ({
            key: `${platform}:${m.id}`,
            offsetMs: m.offsetMs,
          }))
        : (
            await mongo.db
              .collection<{ _id: string; offsetMs: number }>(PER_MESSAGE_COLLECTION)
              .find({ videoKey }, { projection: { _id: 1, offsetMs: 1 } })
              .toArray()
          ).map((m) => ({ key: m._id, offsetMs: m.offsetMs }))
    const matched = stored.filter((m) => expected.get(m.key) === m.offsetMs).length
    return {
      stored: stored.length,
      matched,
      complete: matched === expected.size && stored.length === expected.size,
    }
  }

  async function close(): Promise<void> {
    await producer.disconnect()
    await mongo.db.dropDatabase()
    await mongo.close()
    await admin.deleteTopics({ topics: all }).catch(() => undefined)
    await admin.disconnect()
  }

  return { env, groupsSettled, record, submit, chatDone, completeness, close }
}
