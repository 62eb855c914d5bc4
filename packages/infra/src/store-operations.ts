import type { Db } from 'mongodb'

/**
 * The queries and updates the pipeline issues, on documents shaped like the pipeline's, so the store
 * conformance suite can check each one's result on every server the devstack starts and bench/store can
 * time each one as collections grow. `seedStore(db, n)` writes n jobs (two per video), n chat messages
 * (over 100 videos) and their indexes; every operation touches only what its `i` names, so runs with
 * different `i` never change each other's results.
 */
export interface StoreOperation {
  name: string
  /** Where the pipeline issues it (or will, once the data layer is plain MongoDB). */
  usedBy: string
  run: (db: Db, i: number) => Promise<unknown>
  /** What `run(db, i)` returns on a freshly seeded database of size n, for 0 ≤ i < n / 2. */
  expected: (n: number, i: number) => unknown
}

interface Stage {
  status: 'queued' | 'running' | 'done' | 'failed' | 'skipped'
  attempts: number
}

export interface SeedJob {
  _id: string
  videoKey: string
  createdAt: Date
  stages: { metadata: Stage; chat: Stage; audio: Stage; highlights: Stage }
}

interface SeedMessage {
  _id: string
  videoKey: string
  offsetMs: number
  author: string
  text: string
}

interface SeedVideo {
  _id: string
  title?: string
  firstSeen?: Date
}

interface SeedFanIn {
  _id: string
  done: string[]
}

const VIDEOS_WITH_CHAT = 100
const BATCH = 1_000 // documents per insertMany while seeding
const EPOCH = Date.UTC(2026, 0, 1)
const OPEN = ['queued', 'running']

const jobId = (i: number) => `job_${i}`
const videoKey = (i: number) => `twitch:${i}`
const stage = (status: Stage['status']): Stage => ({ status, attempts: 0 })

/** Job i belongs to video i mod n/2: jobs i and i + n/2 share a video, and the later one is newer. */
export function seedJob(n: number, i: number): SeedJob {
  return {
    _id: jobId(i),
    videoKey: videoKey(i % (n / 2)),
    createdAt: new Date(EPOCH + i * 1_000),
    stages: {
      metadata: stage('done'),
      chat: stage(i % 2 === 0 ? 'queued' : 'done'),
      audio: stage('queued'),
      highlights: stage('queued'),
    },
  }
}

export async function seedStore(db: Db, n: number): Promise<void> {
  if (n % 200 !== 0) throw new Error('seedStore needs a multiple of 200 documents')
  const jobs = db.collection<SeedJob>('jobs')
  const messages = db.collection<SeedMessage>('chat_messages')
  const videos = db.collection<SeedVideo>('videos')
  await jobs.createIndex({ videoKey: 1, createdAt: -1 })
  await jobs.createIndex({ createdAt: -1 })
  await messages.createIndex({ videoKey: 1, offsetMs: 1 }, { unique: true })
  for (let from = 0; from < n; from += BATCH) {
    const size = Math.min(BATCH, n - from)
    const ids = Array.from({ length: size }, (_, k) => from + k)
    await jobs.insertMany(ids.map((i) => seedJob(n, i)))
    await messages.insertMany(
      ids.map((i) => ({
        _id: `msg_${i}`,
        videoKey: videoKey(i % VIDEOS_WITH_CHAT),
        offsetMs: Math.floor(i / VIDEOS_WITH_CHAT) * 250,
        author: `viewer${i % 997}`,
        text: 'PogChamp '.repeat(1 + (i % 5)),
      })),
    )
    await videos.insertMany(ids.map((i) => ({ _id: videoKey(i), title: `video ${i}` })))
  }
}

export const STORE_OPERATIONS: readonly StoreOperation[] = [
  {
    name: 'job by `_id`',
    usedBy: 'gateway GET /v1/jobs/:id, every stage reading its job',
    run: async (db, i) => (await db.collection<SeedJob>('jobs').findOne({ _id: jobId(i) }))?.videoKey,
    expected: (_n, i) => videoKey(i),
  },
  {
    name: 'newest job of a video (`videoKey`, sort `createdAt` -1, limit 1)',
    usedBy: 'gateway intake: dedupe a link against the video’s latest job',
    run: async (db, i) =>
      (
        await db
          .collection<SeedJob>('jobs')
          .find({ videoKey: videoKey(i) }, { projection: { _id: 1 } })
          .sort({ createdAt: -1 })
          .limit(1)
          .toArray()
      ).map((job) => job._id),
    expected: (n, i) => [jobId(i + n / 2)],
  },
  {
    name: 'newest 20 jobs (sort `createdAt` -1, limit 20)',
    usedBy: 'gateway job list and dashboard',
    run: async (db) =>
      (await db.collection<SeedJob>('jobs').find({}).sort({ createdAt: -1 }).limit(20).toArray()).at(0)?._id,
    expected: (n) => jobId(n - 1),
  },
  {
    name: 'conditional stage claim (`_id` + `$in` on stage status)',
    usedBy: 'worker-kit job stages: queued|running → running, one atomic update',
    run: async (db, i) =>
      (
        await db
          .collection<SeedJob>('jobs')
          .updateOne(
            { _id: jobId(i), 'stages.chat.status': { $in: OPEN } },
            { $set: { 'stages.chat.status': 'running' }, $inc: { 'stages.chat.attempts': 1 } },
          )
      ).modifiedCount,
    expected: (_n, i) => (i % 2 === 0 ? 1 : 0),
  },
  {
    name: 'stage finish returning the before-image (`findOneAndUpdate`, `$nin`)',
    usedBy: 'worker-kit job stages: the caller needs the status it replaced',
    run: async (db, i) =>
      (
        await db
          .collection<SeedJob>('jobs')
          .findOneAndUpdate(
            { _id: jobId(i), 'stages.audio.status': { $nin: ['done', 'skipped'] } },
            { $set: { 'stages.audio.status': 'done' } },
            { returnDocument: 'before', projection: { 'stages.audio.status': 1 } },
          )
      )?.stages.audio.status,
    expected: () => 'queued',
  },
  {
    name: 'count jobs by stage status (`$in`, no index)',
    usedBy: 'ops view and benchmarks: jobs still open',
    run: (db) => db.collection<SeedJob>('jobs').countDocuments({ 'stages.chat.status': { $in: OPEN } }),
    // Claims move queued to running, both open: the count holds whatever ran before.
    expected: (n) => n / 2,
  },
  {
    name: 'job intake micro-batch (`insertMany` of 50, unordered)',
    usedBy: 'gateway intake: jobs recorded before their 202',
    run: async (db, i) =>
      (
        await db.collection<SeedJob>('jobs_intake').insertMany(
          Array.from({ length: 50 }, (_, k) => ({ ...seedJob(2, 0), _id: `intake_${i}_${k}` })),
          { ordered: false },
        )
      ).insertedCount,
    expected: () => 50,
  },
  {
    name: 'video upsert (`$set` + `$setOnInsert`)',
    usedBy: 'extractor: video metadata without wiping chat/audio fields',
    run: async (db, i) => {
      const result = await db
        .collection<SeedVideo>('videos')
        .updateOne(
          { _id: videoKey(i) },
          { $set: { title: `video ${i}, again` }, $setOnInsert: { firstSeen: new Date() } },
          { upsert: true },
        )
      return { matched: result.matchedCount, upserted: result.upsertedCount }
    },
    expected: () => ({ matched: 1, upserted: 0 }),
  },
  {
    name: 'fan-in piece (`findOneAndUpdate` `$addToSet`, upsert)',
    usedBy: 'worker-kit fan-in: the last piece sees the full set',
    run: async (db, i) =>
      (
        await db
          .collection<SeedFanIn>('fanin')
          .findOneAndUpdate(
            { _id: `fanin_${i}` },
            { $addToSet: { done: 'piece-0' } },
            { upsert: true, returnDocument: 'after' },
          )
      )?.done.length,
    expected: () => 1,
  },
  {
    name: 'chat messages of a video (`videoKey`, sort `offsetMs`)',
    usedBy: 'chat-crawler per-second counts, gateway timeline',
    run: async (db, i) =>
      (
        await db
          .collection<SeedMessage>('chat_messages')
          .find({ videoKey: videoKey(i % VIDEOS_WITH_CHAT) }, { projection: { _id: 0, offsetMs: 1 } })
          .sort({ offsetMs: 1 })
          .toArray()
      ).length,
    expected: (n) => n / VIDEOS_WITH_CHAT,
  },
  {
    name: 'chat totals of a video (aggregate `$match`, `$group` `$sum`)',
    usedBy: 'chat stats per video',
    run: async (db, i) =>
      (
        await db
          .collection<SeedMessage>('chat_messages')
          .aggregate<{ messages: number }>([
            { $match: { videoKey: videoKey(i % VIDEOS_WITH_CHAT) } },
            { $group: { _id: '$videoKey', messages: { $sum: 1 } } },
          ])
          .toArray()
      ).map((group) => group.messages),
    expected: (n) => [n / VIDEOS_WITH_CHAT],
  },
  {
    name: 'chat stats per chunk (`bulkWrite` of 10 upserts)',
    usedBy: 'chat-crawler: one document per (video, chunk), idempotent under redelivery',
    run: async (db, i) =>
      (
        await db.collection<{ _id: string }>('chat_stats').bulkWrite(
          Array.from({ length: 10 }, (_, chunk) => ({
            updateOne: {
              filter: { _id: `${videoKey(i)}:${chunk}` },
              update: { $set: { counts: [1, 2, 3] }, $setOnInsert: { createdAt: new Date(EPOCH) } },
              upsert: true,
            },
          })),
          { ordered: false },
        )
      ).upsertedCount,
    expected: () => 10,
  },
]
