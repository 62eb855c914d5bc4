import os from 'node:os'
import { TOPICS } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig, provisionTopics, readInt } from '@vodscope/infra'
import { type GatewayKind, type RunningGateway, readCounter, startGateway } from './gateways.js'
import { fmt, median, ratio, table } from './report.js'
import { batchThroughput, countMessages, highestRate, publishedScenario } from './scenarios.js'

/**
 * Ingest benchmark: the micro-batched gateway and the one-send-per-request baseline, side by side in
 * the same run against the running devstack, every scenario repeated and reported as medians.
 *
 *   node --conditions=source --import tsx bench/ingest/run.ts
 *
 * BENCH_REPEATS (3), BENCH_STEP_SEC (5, per step of the rate ramp), BENCH_BATCH_SEC (10).
 */
const KINDS: GatewayKind[] = ['batched', 'baseline']
const env = process.env
const repeats = readInt(env, 'BENCH_REPEATS', 3, { min: 1, max: 20 })
const stepSec = readInt(env, 'BENCH_STEP_SEC', 5, { min: 1, max: 60 })
const batchSec = readInt(env, 'BENCH_BATCH_SEC', 10, { min: 1, max: 120 })

const infra = loadInfraConfig(env)
const runId = `bench-${Date.now().toString(36)}`
const kafka = createKafka(infra, runId)
const admin = kafka.admin()
await admin.connect()

const names = Object.fromEntries(
  KINDS.map((kind) => {
    const prefix = `${runId}-${kind}.`
    return [
      kind,
      { prefix, db: `${runId}-${kind}`, links: prefix + TOPICS.links, events: prefix + TOPICS.jobEvents },
    ]
  }),
) as Record<GatewayKind, { prefix: string; db: string; links: string; events: string }>
await provisionTopics(admin, {
  partitions: infra.partitions,
  topics: KINDS.flatMap((k) => [names[k].links, names[k].events]),
})

async function withGateways<T>(
  extraEnv: NodeJS.ProcessEnv,
  work: (g: Record<GatewayKind, RunningGateway>) => Promise<T>,
) {
  const started: RunningGateway[] = []
  try {
    for (const kind of KINDS) {
      started.push(
        await startGateway(kind, { TOPIC_PREFIX: names[kind].prefix, MONGO_DB: names[kind].db, ...extraEnv }),
      )
    }
    const [batched, baseline] = started as [RunningGateway, RunningGateway]
    const result = await work({ batched, baseline })
    for (const g of started) {
      dbSkips[g.kind].lookups += await readCounter(g.url, 'intake_database_skipped_total', 'step="lookup"')
      dbSkips[g.kind].records += await readCounter(g.url, 'intake_database_skipped_total', 'step="record"')
      dbSkips[g.kind].requests += await readCounter(g.url, 'http_requests_total', 'route="/v1/links"')
    }
    return result
  } finally {
    for (const g of started) await g.stop()
  }
}

const log = (line: string) => console.error(`[bench] ${line}`)
const s1: Record<GatewayKind, Awaited<ReturnType<typeof publishedScenario>>[]> = { batched: [], baseline: [] }
const s2: Record<GatewayKind, Awaited<ReturnType<typeof highestRate>>[]> = { batched: [], baseline: [] }
const s3: Record<GatewayKind, Awaited<ReturnType<typeof batchThroughput>>[]> = { batched: [], baseline: [] }
const acceptedLinks: Record<GatewayKind, number> = { batched: 0, baseline: 0 }
/** How often intake went on without MongoDB (its deadline passed, or the breaker was open). */
const dbSkips = {
  batched: { lookups: 0, records: 0, requests: 0 },
  baseline: { lookups: 0, records: 0, requests: 0 },
} satisfies Record<GatewayKind, unknown>

try {
  // Scenario 1 with the gateways' default settings (rate limit included), as the issue requires.
  await withGateways({}, async (g) => {
    for (let r = 0; r < repeats; r++) {
      for (const kind of KINDS) {
        const result = await publishedScenario(g[kind].url, admin, names[kind].links)
        s1[kind].push(result)
        acceptedLinks[kind] += result.accepted
        log(`1 ${kind} #${r + 1}: ${JSON.stringify(result)}`)
      }
    }
  })
  // Scenarios 2 and 3 measure the intake path, not the limiter: rate limiting off.
  await withGateways({ RATE_LIMIT_PER_SEC: '0' }, async (g) => {
    for (let r = 0; r < repeats; r++) {
      for (const kind of KINDS) {
        const ramp = await highestRate(g[kind].url, stepSec)
        s2[kind].push(ramp)
        for (const step of ramp.steps) acceptedLinks[kind] += step.accepted
        log(
          `2 ${kind} #${r + 1}: best ${ramp.best?.rate ?? 'none'} (${ramp.steps.map((s) => `${s.rate}:${fmt(s.p99Ms)}ms/${s.errors}e`).join(' ')})`,
        )
        const batch = await batchThroughput(g[kind].url, batchSec)
        s3[kind].push(batch)
        acceptedLinks[kind] += batch.accepted * 100
        log(
          `3 ${kind} #${r + 1}: ${fmt(batch.linksPerSec)} links/s p99 ${fmt(batch.p99Ms)} ms errors ${batch.errors}`,
        )
      }
    }
  })

  const onTopic = Object.fromEntries(
    await Promise.all(KINDS.map(async (k) => [k, await countMessages(admin, names[k].links)] as const)),
  ) as Record<GatewayKind, number>
  console.log(report(onTopic))
} finally {
  await admin
    .deleteTopics({ topics: KINDS.flatMap((k) => [names[k].links, names[k].events]) })
    .catch(() => undefined)
  await admin.disconnect()
  for (const kind of KINDS) {
    const mongo = await connectMongo(infra, names[kind].db)
    await mongo.db.dropDatabase()
    await mongo.close()
  }
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(0)} %` : 'n/a'
}

function report(onTopic: Record<GatewayKind, number>): string {
  const m = <T>(xs: T[], f: (x: T) => number) => median(xs.map(f))
  const best = (k: GatewayKind) => m(s2[k], (x) => x.best?.rate ?? 0)
  const bestAchieved = (k: GatewayKind) => m(s2[k], (x) => x.best?.acceptedPerSec ?? 0)
  const bestP99 = (k: GatewayKind) => m(s2[k], (x) => x.best?.p99Ms ?? Number.NaN)
  const links = (k: GatewayKind) => m(s3[k], (x) => x.linksPerSec)
  const rows = [
    ['1. 50 req/s × 10 s: accepted of 500', ...KINDS.map((k) => fmt(m(s1[k], (x) => x.accepted))), ''],
    [
      '1. average latency (ms)',
      ...KINDS.map((k) =>
        fmt(
          m(s1[k], (x) => x.avgMs),
          1,
        ),
      ),
      '',
    ],
    [
      '1. p99 latency (ms)',
      ...KINDS.map((k) =>
        fmt(
          m(s1[k], (x) => x.p99Ms),
          1,
        ),
      ),
      '',
    ],
    ['1. errors (non-2xx, socket, timeouts)', ...KINDS.map((k) => fmt(m(s1[k], (x) => x.errors))), ''],
    ['1. of the 500 on the topic afterwards', ...KINDS.map((k) => fmt(m(s1[k], (x) => x.onTopic))), ''],
    [
      '2. highest rate with p99 < 50 ms, 0 errors (req/s offered)',
      ...KINDS.map((k) => fmt(best(k))),
      ratio(best('batched'), best('baseline')),
    ],
    [
      '2. accepted req/s at that rate',
      ...KINDS.map((k) => fmt(bestAchieved(k))),
      ratio(bestAchieved('batched'), bestAchieved('baseline')),
    ],
    ['2. p99 at that rate (ms)', ...KINDS.map((k) => fmt(bestP99(k), 1)), ''],
    [
      '3. links/s with 100-link batches',
      ...KINDS.map((k) => fmt(links(k))),
      ratio(links('batched'), links('baseline')),
    ],
    [
      '3. p99 per 100-link request (ms)',
      ...KINDS.map((k) =>
        fmt(
          m(s3[k], (x) => x.p99Ms),
          1,
        ),
      ),
      '',
    ],
    ['3. errors', ...KINDS.map((k) => fmt(m(s3[k], (x) => x.errors))), ''],
    [
      'all runs: requests whose job lookup / job insert went on without MongoDB',
      ...KINDS.map(
        (k) =>
          `${pct(dbSkips[k].lookups, dbSkips[k].requests)} / ${pct(dbSkips[k].records, dbSkips[k].requests)}`,
      ),
      '',
    ],
    [
      'all runs: links answered 202 / messages on the topic (more messages: requests in flight when a timed run stops)',
      ...KINDS.map((k) => `${fmt(acceptedLinks[k])} / ${fmt(onTopic[k])}`),
      '',
    ],
  ]
  const ramp = KINDS.map(
    (k) =>
      `- ${k}: ${s2[k].map((x, i) => `run ${i + 1}: ${x.steps.map((s) => `${s.rate}→${fmt(s.acceptedPerSec)}/s p99 ${fmt(s.p99Ms)} ms${s.errors ? ` ${s.errors} errors` : ''}${s.passed ? '' : ' ✗'}`).join(', ')}`).join('\n  ')}`,
  )
  return [
    `Medians of ${repeats} runs; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; Node ${process.version}; ${infra.partitions} partitions.`,
    '',
    table(['figure', 'micro-batched', 'baseline (one send per request)', 'ratio'], rows),
    '',
    'Rate ramp steps (offered → accepted/s, p99):',
    ...ramp,
  ].join('\n')
}
