/**
 * The published scenario end to end: 500 links at 50 requests/s through the gateway, simulator latency
 * 1.2 s per metadata fetch; time from the first POST until all 500 `videos` documents exist, lost and
 * duplicate documents — for the sequential baseline (concurrency 1), one extractor replica and two.
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
            await res.arrayBuffer()
            if (res.status === 202) accepted++
            else errors++
          } catch {
            errors++
          }
          latencies.push(performance.now() - t0)
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
    process.stderr.write(`${scenario.name} run ${r + 1}: ${JSON.stringify(result)}\n`)
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
    ],
    rows,
  )}\n`,
)
