/**
 * Chat download benchmark: a 1-hour Twitch VOD (~20k messages) and a 4-hour two-part SOOP VOD from
 * the upstream simulator at 150 ms per request, downloaded and stored by the sequential
 * page-after-page baseline, then by one and by two chat-crawler replicas (the real main, one process
 * each), in the same run; then downloaded only, without storage, to separate the crawl from the
 * database.
 *
 *   npm run bench -- chat      (or, with the stack up:)
 *   node --conditions=source --import tsx bench/chat/run.ts
 *
 * Records the tables in bench/chat/RESULTS.md between its result markers.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import type { Platform, VideoExtractedV1 } from '@vodscope/contracts'
import { type CountersSnapshot, startSim } from '@vodscope/upstream-sim'
import { markdownTable } from '../lib.js'
import { benchCorner } from './corner.js'
import { runScript, startCrawler } from './processes.js'
import { digest, expectedMessages, videoMessage } from './truth.js'

const LATENCY_MS = 150
const HOST_CONCURRENCY = 16 // per process: VODSCOPE_UPSTREAM_CONCURRENCY
const HOST_RATE_PER_SEC = 400 // per process: VODSCOPE_UPSTREAM_RATE_PER_SEC
const TIMEOUT_MS = 15 * 60_000

/** Encoded simulator ids: 77 + minutes (4 digits) + base messages per minute (3 digits). */
const SCENARIOS = [
  { name: '1 h Twitch', platform: 'twitch', videoId: '770060333', host: 'gql.twitch.tv' },
  { name: '4 h SOOP, 2 parts', platform: 'soop', videoId: '770240120', host: 'videoimg.sooplive.com' },
] as const satisfies readonly { name: string; platform: Platform; videoId: string; host: string }[]

interface Row {
  run: string
  wallMs: number
  requests: number
  stored: number
  complete: boolean
  peakRssKb: number
  maxInFlight: number
  limit: number
}

const sim = await startSim({ port: 0, logLevel: 'silent', latencyMs: LATENCY_MS })
const upstreamEnv = (concurrency = HOST_CONCURRENCY) => ({
  VODSCOPE_UPSTREAM_URL: sim.url,
  VODSCOPE_UPSTREAM_CONCURRENCY: String(concurrency),
  VODSCOPE_UPSTREAM_RATE_PER_SEC: String(HOST_RATE_PER_SEC),
  YTDL_NO_UPDATE: '1',
})
const requestsOf = (c: CountersSnapshot) => Object.values(c.requests).reduce((a, b) => a + b, 0)
const newVideo = (platform: Platform, videoId: string) =>
  videoMessage(sim, platform, videoId, `job_${randomUUID().slice(0, 12)}`)

/** Sequential page-after-page download, stored (baseline.ts). */
async function baselineRow(
  video: VideoExtractedV1,
  host: string,
  layout: 'batches' | 'per-message' = 'batches',
): Promise<Row> {
  const corner = await benchCorner()
  sim.resetCounters()
  const result = await runScript('bench/chat/baseline.ts', {
    ...corner.env,
    ...upstreamEnv(),
    VODSCOPE_BENCH_VIDEO: JSON.stringify(video),
    VODSCOPE_BENCH_LAYOUT: layout,
  })
  const counters = sim.counters()
  const check = await corner.completeness(video.videoKey, expectedMessages(sim, video), layout)
  await corner.close()
  const name =
    layout === 'batches' ? 'sequential baseline' : 'sequential, one document per message (previous layout)'
  return row(name, result.wallMs, counters, host, 1, check, result.peakRssKb)
}

/** The pipeline: `replicas` chat-crawler processes, timed from vod.videos.v1 to the chat stage done. */
async function replicaRow(video: VideoExtractedV1, host: string, replicas: number): Promise<Row> {
  const corner = await benchCorner()
  const crawlers = Array.from({ length: replicas }, () => startCrawler({ ...corner.env, ...upstreamEnv() }))
  await Promise.all(crawlers.map((c) => c.ready))
  await corner.groupsSettled(replicas)
  sim.resetCounters()
  await corner.record(video)
  const started = performance.now()
  await corner.submit(video)
  await corner.chatDone(video.jobId, TIMEOUT_MS)
  const wallMs = performance.now() - started
  const counters = sim.counters()
  const peakRssKb = Math.max(...crawlers.map((c) => c.peakRssKb()))
  await Promise.all(crawlers.map((c) => c.stop()))
  const check = await corner.completeness(video.videoKey, expectedMessages(sim, video))
  await corner.close()
  const name = `${replicas} replica${replicas > 1 ? 's' : ''}`
  return row(name, wallMs, counters, host, HOST_CONCURRENCY * replicas, check, peakRssKb)
}

/** Download only, no database: sequential, or the planner's chunks `concurrency` at a time (download.ts). */
async function downloadRow(video: VideoExtractedV1, host: string, concurrency: number): Promise<Row> {
  sim.resetCounters()
  const result = await runScript('bench/chat/download.ts', {
    ...process.env,
    ...upstreamEnv(concurrency),
    VODSCOPE_BENCH_VIDEO: JSON.stringify(video),
    VODSCOPE_BENCH_MODE: concurrency > 1 ? 'chunked' : 'sequential',
    VODSCOPE_BENCH_CONCURRENCY: String(concurrency),
  })
  const expected = expectedMessages(sim, video)
  const complete = result.digest === digest(expected) && result.stored === expected.size
  const name =
    concurrency > 1 ? `download only, ${concurrency} chunks at a time` : 'download only, sequential'
  return row(
    name,
    result.wallMs,
    sim.counters(),
    host,
    concurrency,
    { stored: result.stored, complete },
    result.peakRssKb,
  )
}

function row(
  run: string,
  wallMs: number,
  counters: CountersSnapshot,
  host: string,
  limit: number,
  check: { stored: number; complete: boolean },
  peakRssKb: number,
): Row {
  const maxInFlight = counters.maxInFlight.byHost[host] ?? 0
  return { run, wallMs, requests: requestsOf(counters), ...check, peakRssKb, maxInFlight, limit }
}

function table(rows: readonly Row[], durationSec: number, host: string, expected: number): string {
  const hours = durationSec / 3600
  const speedUp = (r: Row, base: Row | undefined) =>
    base === undefined ? '' : `${(base.wallMs / r.wallMs).toFixed(1)}×`
  const baseline = rows.find((r) => r.run === 'sequential baseline')
  const download = rows.find((r) => r.run === 'download only, sequential')
  return markdownTable(
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
      speedUp(r, r.run.startsWith('download') ? download : baseline),
      r.requests,
      Math.round(r.stored / (r.wallMs / 1000)),
      r.complete ? `100% (${r.stored}/${expected})` : `NO (${r.stored} of ${expected})`,
      (r.peakRssKb / 1024).toFixed(0),
      `${r.maxInFlight} (${r.limit})`,
    ]),
  )
}

const sections: string[] = []
for (const { name, platform, videoId, host } of SCENARIOS) {
  const truth = sim.truth(platform, videoId)
  const expected = truth.chat.messageCount
  const rows: Row[] = []
  rows.push(await baselineRow(newVideo(platform, videoId), host))
  rows.push(await baselineRow(newVideo(platform, videoId), host, 'per-message'))
  for (const replicas of [1, 2]) rows.push(await replicaRow(newVideo(platform, videoId), host, replicas))
  for (const concurrency of [1, HOST_CONCURRENCY, 2 * HOST_CONCURRENCY]) {
    rows.push(await downloadRow(newVideo(platform, videoId), host, concurrency))
  }
  const heading = `### ${name}: ${videoId}, ${truth.durationSec / 60} min, ${truth.parts.length} part(s), ${expected} messages`
  const wall = (run: string) => rows.find((r) => r.run === run)?.wallMs ?? Number.NaN
  const ratios = [
    `1 replica against download only at the same per-host limit (${HOST_CONCURRENCY} chunks at a time): ` +
      `${(wall('1 replica') / wall(`download only, ${HOST_CONCURRENCY} chunks at a time`)).toFixed(2)}×`,
    `sequential store, one document per message against batches: ` +
      `${(wall('sequential, one document per message (previous layout)') / wall('sequential baseline')).toFixed(2)}×`,
  ]
  const section = `${heading}\n\n${table(rows, truth.durationSec, host, expected)}\n\n${ratios.map((r) => `- ${r}`).join('\n')}`
  process.stdout.write(`${section}\n\n`)
  sections.push(section)
}
await sim.close()

const stamp = [
  `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}),`,
  `load average ${loadavg()[0]?.toFixed(1)} at the end; simulator latency ${LATENCY_MS} ms per request;`,
  `per process ${HOST_CONCURRENCY} requests in flight and ${HOST_RATE_PER_SEC} requests/s per upstream host.`,
].join(' ')
const resultsPath = new URL('./RESULTS.md', import.meta.url)
const current = readFileSync(resultsPath, 'utf8')
const block = `<!-- results:start -->\n${stamp}\n\n${sections.join('\n\n')}\n<!-- results:end -->`
writeFileSync(resultsPath, current.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/, block))
process.exit(0)
