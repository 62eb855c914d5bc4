import type { Db } from 'mongodb'

/**
 * The queries and updates the pipeline issues, on documents shaped like the pipeline's, so the store
 * conformance suite can check each one's result on every server the devstack starts and bench/store can
 * time each one as collections grow. `seedStore(db, n)` writes n jobs (two per video), n chat messages
 * (over 100 videos, in batch documents of 10 as the chat crawler stores them) and their indexes; every operation touches only what its `i` names, so runs with
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
  id: string
  offsetMs: number
  authorId: string
  text: string
}

/** Shaped like the chat crawler's `chat_batches` documents. */
interface SeedBatch {
  _id: string
  videoKey: string
  jobId: string
  chunkIndex: number
  seq: number
  firstMs: number
  lastMs: number
  count: number
  messages: SeedMessage[]
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
  const batches = db.collection<SeedBatch>('chat_batches')
  const videos = db.collection<SeedVideo>('videos')
  await jobs.createIndex({ videoKey: 1, createdAt: -1 })
  await jobs.createIndex({ createdAt: -1 })
  await batches.createIndex({ videoKey: 1, chunkIndex: 1, seq: 1 })
  for (let from = 0; from < n; from += BATCH) {
    const size = Math.min(BATCH, n - from)
    const ids = Array.from({ length: size }, (_, k) => from + k)
    await jobs.insertMany(ids.map((i) => seedJob(n, i)))
    // Job i + n/2 is the newer of its video's two: the one latest_jobs names.
    const newer = ids.filter((i) => i >= n / 2)
    if (newer.length > 0) {
      await db
        .collection<{ _id: string; jobId: string }>('latest_jobs')
        .insertMany(newer.map((i) => ({ _id: videoKey(i - n / 2), jobId: jobId(i) })))
    }
    // Message i belongs to video i mod 100; each video's messages of this block form one batch.
    await batches.insertMany(
      Array.from({ length: VIDEOS_WITH_CHAT }, (_, v) => {
        const messages = ids
          .filter((i) => i % VIDEOS_WITH_CHAT === v)
          .map((i) => ({
            id: `msg_${i}`,
            offsetMs: Math.floor(i / VIDEOS_WITH_CHAT) * 250,
            authorId: `viewer${i % 997}`,
            text: 'PogChamp '.repeat(1 + (i % 5)),
          }))
        return {
          _id: `${videoKey(v)}#0#${from / BATCH}`,
          videoKey: videoKey(v),
          jobId: jobId(v),
          chunkIndex: 0,
          seq: from / BATCH,
          firstMs: messages[0]!.offsetMs,
          lastMs: messages.at(-1)!.offsetMs,
          count: messages.length,
          messages,
        }
      }),
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
    usedBy: 'the query latest_jobs replaces on the intake path (kept to show what it costs)',
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
    name: 'newest job of a video by key (`latest_jobs` `_id` `$in`)',
    usedBy: 'gateway intake: dedupe a link against the video’s latest job',
    run: async (db, i) =>
      (
        await db
          .collection<{ _id: string; jobId: string }>('latest_jobs')
          .find({ _id: { $in: [videoKey(i)] } })
          .toArray()
      ).map((doc) => doc.jobId),
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
    name: 'chat batches of a video (`videoKey`, sort `chunkIndex`, `seq`)',
    usedBy: 'chat-crawler readChatMessages: a video’s messages in VOD-time order',
    run: async (db, i) =>
      (
        await db
          .collection<SeedBatch>('chat_batches')
          .find({ videoKey: videoKey(i % VIDEOS_WITH_CHAT) }, { projection: { messages: 1 } })
          .sort({ chunkIndex: 1, seq: 1 })
          .toArray()
      ).flatMap((batch) => batch.messages).length,
    expected: (n) => n / VIDEOS_WITH_CHAT,
  },
  {
    name: 'chat totals of a video (aggregate `$match`, `$group` `$sum` of `count`)',
    usedBy: 'chat-crawler countChatMessages, chaos audit',
    run: async (db, i) =>
      (
        await db
          .collection<SeedBatch>('chat_batches')
          .aggregate<{ messages: number }>([
            { $match: { videoKey: videoKey(i % VIDEOS_WITH_CHAT) } },
            { $group: { _id: '$videoKey', messages: { $sum: '$count' } } },
          ])
          .toArray()
      ).map((group) => group.messages),
    expected: (n) => [n / VIDEOS_WITH_CHAT],
  },
  {
    name: 'chat batch write (ordered `bulkWrite` of `replaceOne` by `_id`, upsert)',
    usedBy: 'chat-crawler writeBatches: a chunk’s ready batches in one write; a re-crawl replaces them',
    run: async (db, i) => {
      const doc = (seq: number) => ({
        _id: `rewrite_${i}#0#${seq}`,
        videoKey: `rewrite_${i}`,
        jobId: jobId(i),
        chunkIndex: 0,
        seq,
        firstMs: seq,
        lastMs: seq,
        count: 1,
        messages: [{ id: `m${seq}`, offsetMs: seq, authorId: 'a', text: 't' }],
      })
      const write = () =>
        db.collection<SeedBatch>('chat_batches').bulkWrite(
          [0, 1].map((seq) => ({
            replaceOne: { filter: { _id: doc(seq)._id }, replacement: doc(seq), upsert: true },
          })),
          { ordered: true },
        )
      const first = await write()
      const again = await write()
      return { upserted: first.upsertedCount, matched: again.matchedCount }
    },
    expected: () => ({ upserted: 2, matched: 2 }),
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
