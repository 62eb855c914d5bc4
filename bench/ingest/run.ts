import { TOPICS } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig, provisionTopics, readInt } from '@vodscope/infra'
import { type GatewayKind, type RunningGateway, readCounter, startGateway } from './gateways.js'
import { KINDS, type Measurements, type Phase, recordResults, renderReport } from './report.js'
import {
  batchThroughput,
  burstScenario,
  countMessages,
  highestRate,
  publishedScenario,
  saturatedRate,
  warmUp,
} from './scenarios.js'

/**
 * Ingest benchmark: the micro-batched gateway and the one-send-per-request baseline, side by side in
 * the same run against the running devstack, each scenario repeated, medians reported. Prints the
 * table and records it in bench/ingest/RESULTS.md.
 *
 *   node --conditions=source --import tsx bench/ingest/run.ts
 *
 * BENCH_REPEATS (3), BENCH_STEP_SEC (5, per step of the rate ramp), BENCH_RUN_SEC (10, per saturation run: 2b and 3).
 */
const env = process.env
const repeats = readInt(env, 'BENCH_REPEATS', 3, { min: 1, max: 20 })
const stepSec = readInt(env, 'BENCH_STEP_SEC', 5, { min: 1, max: 60 })
const runSec = readInt(env, 'BENCH_RUN_SEC', 10, { min: 1, max: 120 })
const log = (line: string) => console.error(`[bench/ingest] ${line}`)

const infra = loadInfraConfig(env)
const runId = `bench-${Date.now().toString(36)}`
const admin = createKafka(infra, runId).admin()
await admin.connect()

// Each gateway gets its own topics and database, so its counts are its own.
const names = Object.fromEntries(
  KINDS.map((kind) => {
    const prefix = `${runId}-${kind}.`
    return [
      kind,
      { prefix, db: `${runId}-${kind}`, topics: [prefix + TOPICS.links, prefix + TOPICS.jobEvents] },
    ]
  }),
) as Record<GatewayKind, { prefix: string; db: string; topics: [string, string] }>
const linksTopic = (kind: GatewayKind) => names[kind].topics[0]
await provisionTopics(admin, { partitions: infra.partitions, topics: KINDS.flatMap((k) => names[k].topics) })

const m: Measurements = {
  repeats,
  partitions: infra.partitions,
  published: { batched: [], baseline: [] },
  bursts: { batched: [], baseline: [] },
  ramps: { batched: [], baseline: [] },
  saturated: { batched: [], baseline: [] },
  batches: { batched: [], baseline: [] },
  acceptedLinks: { batched: 0, baseline: 0 },
  onTopic: { batched: 0, baseline: 0 },
  db: {
    published: {
      batched: { requests: 0, lookupsSkipped: 0, insertsSkipped: 0 },
      baseline: { requests: 0, lookupsSkipped: 0, insertsSkipped: 0 },
    },
    load: {
      batched: { requests: 0, lookupsSkipped: 0, insertsSkipped: 0 },
      baseline: { requests: 0, lookupsSkipped: 0, insertsSkipped: 0 },
    },
  },
}

/** The intake counters of one gateway: requests, and how many went on without a job lookup / insert. */
async function readDbCounts(url: string) {
  return {
    requests: await readCounter(url, 'http_requests_total', 'route="/v1/links"'),
    lookupsSkipped: await readCounter(url, 'intake_database_skipped_total', 'step="lookup"'),
    insertsSkipped: await readCounter(url, 'intake_database_skipped_total', 'step="record"'),
  }
}

/**
 * Starts both gateways with `extraEnv`, warms each up (unmeasured: no latency figure and no database
 * counter includes it; its links count in the answered/on-topic totals), runs `work`, reads the
 * counters, stops them.
 */
async function withGateways(
  phase: Phase,
  extraEnv: NodeJS.ProcessEnv,
  work: (g: Record<GatewayKind, RunningGateway>) => Promise<void>,
) {
  const started: RunningGateway[] = []
  const warm = new Map<RunningGateway, Awaited<ReturnType<typeof readDbCounts>>>()
  try {
    for (const kind of KINDS) {
      started.push(
        await startGateway(kind, { TOPIC_PREFIX: names[kind].prefix, MONGO_DB: names[kind].db, ...extraEnv }),
      )
    }
    for (const g of started) {
      m.acceptedLinks[g.kind] += (await warmUp(g.url)).accepted
      warm.set(g, await readDbCounts(g.url))
    }
    const [batched, baseline] = started as [RunningGateway, RunningGateway]
    await work({ batched, baseline })
    for (const g of started) {
      const db = m.db[phase][g.kind]
      const before = warm.get(g)!
      const after = await readDbCounts(g.url)
      db.requests += after.requests - before.requests
      db.lookupsSkipped += after.lookupsSkipped - before.lookupsSkipped
      db.insertsSkipped += after.insertsSkipped - before.insertsSkipped
    }
  } finally {
    for (const g of started) await g.stop()
  }
}

try {
  // Scenario 1 with the gateways' default settings, rate limit included, as the issue asks.
  await withGateways('published', {}, async (g) => {
    for (let r = 1; r <= repeats; r++) {
      // Alternate the gateways within each repeat, so a change in machine load hits both alike.
      for (const kind of KINDS) {
        const result = await publishedScenario(g[kind].url, admin, linksTopic(kind))
        m.published[kind].push(result)
        m.acceptedLinks[kind] += result.accepted
        log(`1 ${kind} #${r}: ${JSON.stringify(result)}`)
      }
    }
    for (let r = 1; r <= repeats; r++) {
      for (const kind of KINDS) {
        const result = await burstScenario(g[kind].url)
        m.bursts[kind].push(result)
        m.acceptedLinks[kind] += result.accepted
        log(`1b ${kind} #${r}: ${JSON.stringify(result)}`)
      }
    }
  })
  // Scenarios 2 and 3 measure intake, not the limiter: rate limiting off.
  await withGateways('load', { VODSCOPE_GATEWAY_RATE_LIMIT_PER_SEC: '0' }, async (g) => {
    for (let r = 1; r <= repeats; r++) {
      for (const kind of KINDS) {
        const ramp = await highestRate(g[kind].url, stepSec)
        m.ramps[kind].push(ramp)
        for (const step of ramp.steps) m.acceptedLinks[kind] += step.accepted
        log(
          `2 ${kind} #${r}: best ${ramp.best?.rate ?? 'none'}; ${ramp.steps.map((s) => `${s.rate}: p99 ${s.p99Ms} ms, ${s.errors} errors`).join('; ')}`,
        )
        const saturated = await saturatedRate(g[kind].url, runSec)
        m.saturated[kind].push(saturated)
        m.acceptedLinks[kind] += saturated.accepted
        log(
          `2b ${kind} #${r}: ${Math.round(saturated.acceptedPerSec)} req/s, p99 ${saturated.p99Ms} ms, ${saturated.errors} errors`,
        )
        const batch = await batchThroughput(g[kind].url, runSec)
        m.batches[kind].push(batch)
        m.acceptedLinks[kind] += batch.accepted * 100
        log(
          `3 ${kind} #${r}: ${Math.round(batch.linksPerSec)} links/s, p99 ${batch.p99Ms} ms, ${batch.errors} errors`,
        )
      }
    }
  })
  for (const kind of KINDS) m.onTopic[kind] = await countMessages(admin, linksTopic(kind))

  const report = renderReport(m)
  console.log(report)
  recordResults(report)
} finally {
  await admin.deleteTopics({ topics: KINDS.flatMap((k) => names[k].topics) }).catch(() => undefined)
  await admin.disconnect()
  for (const kind of KINDS) {
    const mongo = await connectMongo(infra, names[kind].db)
    await mongo.db.dropDatabase()
    await mongo.close()
  }
}
