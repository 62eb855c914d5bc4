/**
 * Does intake slow down as `jobs` grows, or only right after a bulk load? One micro-batched gateway on
 * fresh topics and a fresh database, paced 100 req/s steps (500 single-link requests each):
 * 1. on the empty database;
 * 2. after BENCH_SEED_JOBS (500,000) jobs and their `latest_jobs` entries were inserted straight into
 *    the database (insertMany of 1,000, as the gateway's documents), and 10 s of rest;
 * 3. after a 10 s closed-loop run of 100-link requests through the gateway (16 connections), at
 *    +0, +10, +20 and +30 s.
 * Each step prints its average and p99, the mean time per request of each intake step
 * (`intake_step_duration_seconds`: lookup, produce, record, from the gateway's /metrics before and
 * after the step) and the jobs in the database. Not part of `npm run bench`.
 *
 *   node --conditions=source --import tsx bench/ingest/after-bulk.ts     (devstack up)
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { COLLECTIONS, type JobDocument, newJobDocument, TOPICS } from '@vodscope/contracts'
import {
  connectMongo,
  createKafka,
  loadInfraConfig,
  pointLatestJobs,
  provisionTopics,
  readInt,
} from '@vodscope/infra'
import { startGateway } from './gateways.js'
import { load } from './load.js'
import { paced } from './paced.js'

const seedJobs = readInt(process.env, 'BENCH_SEED_JOBS', 500_000, { min: 0, max: 5_000_000 })
const id = `after-bulk-${Date.now().toString(36)}`
const infra = loadInfraConfig(process.env)
const admin = createKafka(infra, id).admin()
await admin.connect()
await provisionTopics(admin, {
  partitions: infra.partitions,
  topics: [`${id}.${TOPICS.links}`, `${id}.${TOPICS.jobEvents}`],
})
await admin.disconnect()

const gateway = await startGateway('batched', {
  TOPIC_PREFIX: `${id}.`,
  MONGO_DB: id,
  VODSCOPE_GATEWAY_RATE_LIMIT_PER_SEC: '0',
})

/** Sum and count of each intake step so far. */
async function intakeSteps(): Promise<Record<string, number>> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text()
  const values: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const m = /^intake_step_duration_seconds_(sum|count)\{step="(\w+)"\} (\S+)/.exec(line)
    if (m) values[`${m[2]}_${m[1]}`] = Number(m[3])
  }
  return values
}

async function step(label: string): Promise<void> {
  const before = await intakeSteps()
  const r = await paced({ url: gateway.url, rate: 100, amount: 500, connections: 256 })
  const after = await intakeSteps()
  const perRequestMs = (name: string) => {
    const count = (after[`${name}_count`] ?? 0) - (before[`${name}_count`] ?? 0)
    const sum = (after[`${name}_sum`] ?? 0) - (before[`${name}_sum`] ?? 0)
    return count === 0 ? '–' : ((sum / count) * 1000).toFixed(1)
  }
  console.log(
    `${label}: 100 req/s avg ${r.avgMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, errors ${r.errors}; ` +
      `per request: lookup ${perRequestMs('lookup')} ms, produce ${perRequestMs('produce')} ms, record ${perRequestMs('record')} ms`,
  )
}

const mongo = await connectMongo(infra, id)
// estimatedDocumentCount: the count command. countDocuments is an aggregation, which mongo-java-server runs over
// every document in memory: at 500k jobs it exhausted the server's heap.
const jobs = () => mongo.db.collection(COLLECTIONS.jobs).estimatedDocumentCount()

/** Inserts `count` jobs as intake writes them, 1,000 per insertMany, with their latest_jobs entries. */
async function seed(count: number): Promise<void> {
  const now = new Date()
  for (let from = 0; from < count; from += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - from) }, (_, i) => {
      const n = from + i
      return newJobDocument(
        { jobId: `seed-${n}`, videoKey: `twitch:9${n}`, platform: 'twitch', videoId: `9${n}` },
        false,
        new Date(now.getTime() - (count - n) * 10),
      )
    })
    await mongo.db.collection<JobDocument>(COLLECTIONS.jobs).insertMany(batch, { ordered: false })
    await pointLatestJobs(
      mongo.db,
      batch.map((job) => ({ videoKey: job.videoKey, jobId: job._id, createdAt: job.createdAt })),
    )
  }
}

try {
  await paced({ url: gateway.url, rate: 200, amount: 1000, connections: 256 }) // warm-up
  await step(`empty database (${await jobs()} jobs)`)
  await step(`empty database (${await jobs()} jobs)`)
  const seeding = performance.now()
  await seed(seedJobs)
  console.log(
    `seeded ${seedJobs} jobs in ${((performance.now() - seeding) / 1000).toFixed(1)} s; resting 10 s`,
  )
  await sleep(10_000)
  for (let k = 0; k < 3; k++) await step(`after seeding (${await jobs()} jobs)`)
  const bulk = await load({ url: gateway.url, connections: 16, duration: 10, linksPerRequest: 100 })
  console.log(
    `bulk: ${bulk.accepted} requests of 100 links answered 202; ${await jobs()} jobs in the database`,
  )
  for (let k = 0; k < 4; k++) {
    await step(`after the bulk, +${k * 10} s (${await jobs()} jobs)`)
    await sleep(5_000)
  }
} finally {
  await gateway.stop()
  await mongo.close()
}
process.exit(0)
