/**
 * Does intake slow down as `jobs` grows, or only right after a bulk load? One micro-batched gateway on
 * fresh topics and a fresh database: paced 100 req/s steps (500 single-link requests each) on the empty
 * database, then rounds of a 10 s closed-loop run of 100-link requests (16 connections, ~200–300k jobs
 * per round) each followed by four paced steps 10 s apart. Each step prints its average and p99 and
 * the mean time per request of each intake step (`intake_step_duration_seconds`: lookup, produce,
 * record), read from the gateway's /metrics before and after the step. Not part of `npm run bench`.
 *
 *   node --conditions=source --import tsx bench/ingest/after-bulk.ts     (devstack up)
 *
 * BENCH_ROUNDS (2): bulk rounds.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { TOPICS } from '@vodscope/contracts'
import { createKafka, loadInfraConfig, provisionTopics, readInt } from '@vodscope/infra'
import { startGateway } from './gateways.js'
import { load } from './load.js'
import { paced } from './paced.js'

const rounds = readInt(process.env, 'BENCH_ROUNDS', 2, { min: 1, max: 10 })
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

try {
  await paced({ url: gateway.url, rate: 200, amount: 1000, connections: 256 }) // warm-up
  await step('empty database')
  await step('empty database')
  let jobs = 0
  for (let round = 1; round <= rounds; round++) {
    const bulk = await load({ url: gateway.url, connections: 16, duration: 10, linksPerRequest: 100 })
    jobs += bulk.accepted * 100
    console.log(`bulk ${round}: ${bulk.accepted} requests of 100 links; ~${jobs} jobs in the database`)
    for (let k = 0; k < 4; k++) {
      await step(`after bulk ${round}, +${k * 10} s`)
      await sleep(5_000)
    }
  }
} finally {
  await gateway.stop()
}
process.exit(0)
