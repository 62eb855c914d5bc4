import type { Admin } from 'kafkajs'
import { type LoadResult, load } from './load.js'
import { paced } from './paced.js'

/** Messages on a topic: the sum of its partitions' high watermarks (nothing is compacted or deleted). */
export async function countMessages(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic)
  return offsets.reduce((sum, p) => sum + Number(p.high), 0)
}

export interface PublishedScenario extends LoadResult {
  onTopic: number
}

/** Open connections for the paced scenarios: a request waits for a free one only once 256 are in flight. */
const PACED_CONNECTIONS = 256

/**
 * 1. The published scenario: 50 requests/s for 10 s, one link each, 500 links in all, paced (one
 * request every 20 ms, latency from its due time).
 */
export async function publishedScenario(
  url: string,
  admin: Admin,
  topic: string,
): Promise<PublishedScenario> {
  const before = await countMessages(admin, topic)
  const result = await paced({ url, rate: 50, amount: 500, connections: PACED_CONNECTIONS })
  return { ...result, onTopic: (await countMessages(admin, topic)) - before }
}

/**
 * 1b. The same 500 requests as autocannon sends them with 50 connections and `overallRate: 50`:
 * each connection's quota is refilled once a second, so this is a burst of 50 simultaneous requests
 * every second. A different load from 1 (the worst case of a bursty client), kept as its own row.
 */
export async function burstScenario(url: string): Promise<LoadResult> {
  return load({ url, linksPerRequest: 1, connections: 50, rate: 50, amount: 500 })
}

/** Unmeasured traffic before the first timed scenario, so no figure includes JIT warm-up or connecting. */
export async function warmUp(url: string): Promise<LoadResult> {
  return paced({ url, rate: 200, amount: 1_000, connections: PACED_CONNECTIONS })
}

export interface RampStep extends LoadResult {
  rate: number
  passed: boolean
}

export const RAMP_RATES = [
  100, 250, 500, 750, 1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000, 5_000, 6_000, 8_000,
]
const P99_LIMIT_MS = 50

/**
 * 2. The highest single-link request rate with p99 < 50 ms and no errors: paced rates go up until a
 * step fails (p99 ≥ 50 ms, any error, or under 95 % of the offered rate actually accepted). Latency
 * counts from each request's due time, so a stalled server shows.
 */
export async function highestRate(
  url: string,
  stepSec: number,
): Promise<{ best: RampStep | undefined; steps: RampStep[] }> {
  const steps: RampStep[] = []
  for (const rate of RAMP_RATES) {
    const result = await paced({ url, rate, amount: rate * stepSec, connections: PACED_CONNECTIONS })
    const passed = result.errors === 0 && result.p99Ms < P99_LIMIT_MS && result.acceptedPerSec >= rate * 0.95
    steps.push({ ...result, rate, passed })
    if (!passed) break
  }
  return { best: steps.filter((s) => s.passed).at(-1), steps }
}

/** 2b. Single-link requests as fast as the gateway answers: the throughput behind scenario 2's latency. */
export async function saturatedRate(url: string, seconds: number): Promise<LoadResult> {
  return load({ url, linksPerRequest: 1, connections: 100, duration: seconds })
}

/** 3. Links per second with 100-link batches, as fast as the gateway answers. */
export async function batchThroughput(
  url: string,
  seconds: number,
): Promise<LoadResult & { linksPerSec: number }> {
  const result = await load({ url, linksPerRequest: 100, connections: 16, duration: seconds })
  return { ...result, linksPerSec: result.acceptedPerSec * 100 }
}
