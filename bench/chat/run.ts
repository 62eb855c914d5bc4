/**
 * Chat download benchmark: a 1-hour Twitch VOD (~20k messages) and a 4-hour two-part SOOP VOD from
 * the upstream simulator at 150 ms per request, downloaded by the sequential page-after-page baseline,
 * then by one and by two chat-crawler replicas (the real main, one process each), in the same run.
 *
 *   npm run bench -- chat      (or, with the stack up:)
 *   node --conditions=source --import tsx bench/chat/run.ts
 *
 * Records the tables in bench/chat/RESULTS.md between its result markers.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import type { Platform } from '@vodscope/contracts'
import { type CountersSnapshot, startSim } from '@vodscope/upstream-sim'
import { markdownTable } from '../lib.js'
import { benchCorner } from './corner.js'
import { runBaseline, startCrawler } from './processes.js'
import { expectedMessages, videoMessage } from './truth.js'

const LATENCY_MS = 150
const HOST_CONCURRENCY = 16 // per replica: VODSCOPE_UPSTREAM_CONCURRENCY
const HOST_RATE_PER_SEC = 400 // per replica: VODSCOPE_UPSTREAM_RATE_PER_SEC
const REPLICAS = [1, 2] as const
const TIMEOUT_MS = 15 * 60_000

/** Encoded simulator ids: 77 + minutes (4 digits) + base messages per minute (3 digits). */
const SCENARIOS = [
  { name: '1 h Twitch', platform: 'twitch', videoId: '770060333', host: 'gql.twitch.tv' },
  { name: '4 h SOOP (2 parts)', platform: 'soop', videoId: '770240120', host: 'videoimg.sooplive.co.kr' },
] as const satisfies readonly { name: string; platform: Platform; videoId: string; host: string }[]

interface Row {
  run: string
  wallMs: number
  requests: number
  stored: number
  complete: boolean
  matched: number
  expected: number
  peakRssKb: number
  maxInFlight: number
  limit: number
}

const sim = await startSim({ port: 0, logLevel: 'silent', latencyMs: LATENCY_MS })
const upstreamEnv = {
  VODSCOPE_UPSTREAM_URL: sim.url,
  VODSCOPE_UPSTREAM_CONCURRENCY: String(HOST_CONCURRENCY),
  VODSCOPE_UPSTREAM_RATE_PER_SEC: String(HOST_RATE_PER_SEC),
  YTDL_NO_UPDATE: '1',
}
const requestsOf = (c: CountersSnapshot) => Object.values(c.requests).reduce((a, b) => a + b, 0)

const sections: string[] = []
for (const scenario of SCENARIOS) {
  const { platform, videoId, host } = scenario
  const truth = sim.truth(platform, videoId)
  const rows: Row[] = []

  {
    const corner = await benchCorner()
    const video = videoMessage(sim, platform, videoId, `job_${randomUUID().slice(0, 12)}`)
    const expected = expectedMessages(sim, video)
    sim.resetCounters()
    const result = await runBaseline({
      ...corner.env,
      ...upstreamEnv,
      VODSCOPE_BENCH_VIDEO: JSON.stringify(video),
    })
    const counters = sim.counters()
    const check = await corner.completeness(video.videoKey, expected)
    rows.push({
      run: 'sequential baseline',
      wallMs: result.wallMs,
      requests: requestsOf(counters),
      ...check,
      expected: expected.size,
      peakRssKb: result.peakRssKb,
      maxInFlight: counters.maxInFlight.byHost[host] ?? 0,
      limit: 1,
    })
    await corner.close()
  }

  for (const replicas of REPLICAS) {
    const corner = await benchCorner()
    const video = videoMessage(sim, platform, videoId, `job_${randomUUID().slice(0, 12)}`)
    const expected = expectedMessages(sim, video)
    const crawlers = Array.from({ length: replicas }, () => startCrawler({ ...corner.env, ...upstreamEnv }))
    await Promise.all(crawlers.map((c) => c.ready))
    await corner.groupsSettled(replicas)
    sim.resetCounters()
    const started = performance.now()
    await corner.submit(video)
    await corner.chatDone(video.jobId, TIMEOUT_MS)
    const wallMs = performance.now() - started
    const counters = sim.counters()
    const peakRssKb = Math.max(...crawlers.map((c) => c.peakRssKb()))
    await Promise.all(crawlers.map((c) => c.stop()))
    const check = await corner.completeness(video.videoKey, expected)
    rows.push({
      run: `${replicas} replica${replicas > 1 ? 's' : ''}`,
      wallMs,
      requests: requestsOf(counters),
      ...check,
      expected: expected.size,
      peakRssKb,
      maxInFlight: counters.maxInFlight.byHost[host] ?? 0,
      limit: HOST_CONCURRENCY * replicas,
    })
    await corner.close()
  }

  const hours = truth.durationSec / 3600
  const baselineMs = rows[0]?.wallMs ?? Number.NaN
  const table = markdownTable(
    [
      'run',
      'wall s',
      's per h of stream',
      'speed-up',
      'requests',
      'msgs/s',
      'complete',
      'peak RSS MiB',
      `max in flight at ${host} (limit)`,
    ],
    rows.map((r) => [
      r.run,
      (r.wallMs / 1000).toFixed(1),
      (r.wallMs / 1000 / hours).toFixed(1),
      `${(baselineMs / r.wallMs).toFixed(1)}×`,
      r.requests,
      Math.round(r.stored / (r.wallMs / 1000)),
      r.complete
        ? `100% (${r.matched}/${r.expected})`
        : `NO: ${r.matched}/${r.expected} matched, ${r.stored} stored`,
      (r.peakRssKb / 1024).toFixed(0),
      `${r.maxInFlight} (${r.limit})`,
    ]),
  )
  const section = `### ${scenario.name}: ${videoId}, ${truth.durationSec / 60} min, ${truth.parts.length} part(s), ${truth.chat.messageCount} messages\n\n${table}`
  process.stdout.write(`${section}\n\n`)
  sections.push(section)
}
await sim.close()

const stamp = `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); simulator latency ${LATENCY_MS} ms per request; per replica ${HOST_CONCURRENCY} requests in flight and ${HOST_RATE_PER_SEC} requests/s per upstream host.`
const resultsPath = new URL('./RESULTS.md', import.meta.url)
const current = readFileSync(resultsPath, 'utf8')
const block = `<!-- results:start -->\n${stamp}\n\n${sections.join('\n\n')}\n<!-- results:end -->`
writeFileSync(resultsPath, current.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/, block))
process.exit(0)
