/**
 * The published scenario end to end: 500 links at 50 requests/s through the gateway, simulator latency
 * 1.2 s per metadata fetch; time from the first POST until all 500 `videos` documents exist, lost and
 * duplicate documents — for the sequential baseline (concurrency 1), one extractor replica and two.
 * Every 202's job is read back by `GET /v1/jobs/:id` at once (retried every 50 ms until it answers 200,
 * for up to 5 s): the "readable after" columns say how long after the 202 it was found, and how many
 * were not found within 1 s.
 *
 *   npm run bench -- pipeline        (or, with the stack up: node --conditions=source --import tsx bench/pipeline/run.ts)
 */
import { COLLECTIONS } from '@vodscope/contracts'
import { connectMongo, loadInfraConfig } from '@vodscope/infra'
import { startPipeline } from '@vodscope/runner'
import { markdownTable, median, percentile, sleep } from '../lib.js'

const LINKS = 500
const RATE_PER_SEC = 50
const LATENCY_MS = 1_200
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
/** Per host and per process: the real platforms' politeness limits are configuration, raised for this load. */
const UPSTREAM_ENV = { VODSCOPE_UPSTREAM_CONCURRENCY: '64', VODSCOPE_UPSTREAM_RATE_PER_SEC: '200' }

interface Scenario {
  name: string
  replicas: number
  env: NodeJS.ProcessEnv
  runs: number
  timeoutMs: number
}

const SCENARIOS: Scenario[] = [
  // 500 × 1.2 s one at a time is ten minutes; a minute of it gives the rate, and the projection.
  {
    name: 'sequential baseline (concurrency 1)',
    replicas: 1,
    env: { VODSCOPE_EXTRACTOR_CONCURRENCY: '1' },
    runs: 1,
    timeoutMs: 60_000,
  },
  { name: 'worker-kit, 1 replica', replicas: 1, env: {}, runs: RUNS, timeoutMs: 180_000 },
  { name: 'worker-kit, 2 replicas', replicas: 2, env: {}, runs: RUNS, timeoutMs: 180_000 },
]

interface RunResult {
  accepted: number
  stored: number
  elapsedMs: number
  complete: boolean
  duplicates: number
  p50Ms: number
  p99Ms: number
  errors: number
  /** ms from the 202 until GET /v1/jobs/:id answered 200; Infinity when it never did within 5 s. */
  readableMs: number[]
}

const READ_BACK_LIMIT_MS = 5_000

/** How long after its 202 the job is readable; Infinity if not within READ_BACK_LIMIT_MS. */
async function readBack(gateway: string, jobId: string): Promise<number> {
  const t0 = performance.now()
  while (performance.now() - t0 < READ_BACK_LIMIT_MS) {
    const res = await fetch(`${gateway}/v1/jobs/${encodeURIComponent(jobId)}`)
    await res.arrayBuffer()
    if (res.status === 200) return performance.now() - t0
    await sleep(50)
  }
  return Number.POSITIVE_INFINITY
}

function linkFor(run: string, i: number): string {
  const id = `${run}${String(i).padStart(4, '0')}`
  return i % 2 === 0 ? `https://www.twitch.tv/videos/${id}` : `https://vod.sooplive.co.kr/player/${id}`
}

async function runOnce(scenario: Scenario, runIndex: number): Promise<RunResult> {
  const pipeline = await startPipeline({
    replicas: { gateway: 1, extractor: scenario.replicas },
    sim: { latencyMs: LATENCY_MS },
    env: { ...UPSTREAM_ENV, ...scenario.env },
    partitions: 12,
  })
  const mongo = await connectMongo(loadInfraConfig(), pipeline.mongoDb)
  try {
    // Let the extractor group join before the clock starts: the scenario measures processing, not start-up.
    await sleep(3_000)
    const runTag = `7${runIndex}${Date.now() % 100_000}`
    const latencies: number[] = []
    let accepted = 0
    let errors = 0
    const readableMs: number[] = []
    const started = Date.now()
    const requests: Promise<void>[] = []
    for (let i = 0; i < LINKS; i++) {
      const due = started + (i * 1_000) / RATE_PER_SEC
      await sleep(Math.max(0, due - Date.now()))
      requests.push(
        (async () => {
          const t0 = performance.now()
          try {
            const res = await fetch(`${pipeline.gateway}/v1/links`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ links: [linkFor(runTag, i)] }),
            })
            const body = (await res.json()) as { results?: { jobId?: string }[] }
            latencies.push(performance.now() - t0)
            const jobId = body.results?.[0]?.jobId
            if (res.status === 202 && jobId !== undefined) {
              accepted++
              readableMs.push(await readBack(pipeline.gateway, jobId))
            } else errors++
          } catch {
            latencies.push(performance.now() - t0)
            errors++
          }
        })(),
      )
    }
    await Promise.all(requests)
    const videos = mongo.db.collection(COLLECTIONS.videos)
    let stored = 0
    while (Date.now() - started < scenario.timeoutMs) {
      stored = await videos.countDocuments()
      if (stored >= accepted) break
      await sleep(100)
    }
    const elapsedMs = Date.now() - started
    const jobs = await mongo.db.collection(COLLECTIONS.jobs).countDocuments()
    const distinct = (await videos.distinct('_id')).length
    return {
      accepted,
      stored,
      elapsedMs,
      complete: stored >= accepted,
      // Every link is a distinct video: more jobs or videos than accepted links would be duplicates.
      duplicates: Math.max(0, jobs - accepted) + Math.max(0, stored - distinct),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      errors,
      readableMs,
    }
  } finally {
    await mongo.close()
    await pipeline.stop()
  }
}

// BENCH_SCENARIOS=2 (1-based, comma-separated) runs a subset, e.g. to add a row on a busy machine.
const only = (process.env.BENCH_SCENARIOS ?? '').split(',').filter(Boolean).map(Number)
const chosen = only.length > 0 ? SCENARIOS.filter((_, i) => only.includes(i + 1)) : SCENARIOS

const rows: Array<Array<string | number>> = []
let baselineRate = Number.NaN
for (const scenario of chosen) {
  const results: RunResult[] = []
  for (let r = 0; r < scenario.runs; r++) {
    const result = await runOnce(scenario, r)
    results.push(result)
    const { readableMs, ...summary } = result
    process.stderr.write(`${scenario.name} run ${r + 1}: ${JSON.stringify(summary)}\n`)
  }
  const rate = median(results.map((r) => r.stored / (r.elapsedMs / 1_000)))
  if (Number.isNaN(baselineRate)) baselineRate = rate
  const timeText = results.every((r) => r.complete)
    ? `${(median(results.map((r) => r.elapsedMs)) / 1_000).toFixed(1)} s`
    : `incomplete after ${scenario.timeoutMs / 1_000} s (projected ${(LINKS / rate).toFixed(0)} s)`
  rows.push([
    scenario.name,
    scenario.runs,
    median(results.map((r) => r.accepted)),
    median(results.map((r) => r.stored)),
    timeText,
    rate.toFixed(1),
    `${(rate / baselineRate).toFixed(1)}×`,
    median(results.map((r) => r.accepted - r.stored)),
    median(results.map((r) => r.duplicates)),
    `${median(results.map((r) => r.p50Ms)).toFixed(1)} / ${median(results.map((r) => r.p99Ms)).toFixed(1)}`,
    median(results.map((r) => r.errors)),
    `${median(results.map((r) => percentile(r.readableMs, 50))).toFixed(1)} / ${median(results.map((r) => percentile(r.readableMs, 99))).toFixed(1)} / ${median(results.map((r) => Math.max(...r.readableMs))).toFixed(1)}`,
    median(results.map((r) => r.readableMs.filter((ms) => ms > 1_000).length)),
  ])
}

process.stdout.write(
  `${markdownTable(
    [
      'scenario',
      'runs',
      'accepted',
      'stored',
      'time to all stored (median)',
      'videos/s',
      'vs baseline',
      'lost (not stored at end)',
      'duplicates',
      'POST p50 / p99 ms',
      'HTTP errors',
      'job readable after 202, p50 / p99 / max ms',
      'jobs not readable within 1 s',
    ],
    rows,
  )}\n`,
)
