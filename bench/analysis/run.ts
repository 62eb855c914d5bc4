/**
 * Full-analysis rate: N simulator VODs (default 20 × 2 h, Twitch and SOOP alternating) submitted
 * through the gateway and carried through every stage (metadata, chat, audio, highlights) by the real
 * worker processes (packages/runner's isolated pipeline). Reports stream-hours analysed per
 * core-minute (wall × cores, and per measured CPU minute of the pipeline's processes), the time from
 * job creation to each stage done, for the sequential baseline and one and two replicas of every
 * worker. The simulator's audio is warmed before the clock starts and the window is checked for
 * simulator encoding; a run whose results do not verify (every job done, final highlights for every
 * VOD, stored chat equal to the simulator's truth) fails and records nothing.
 *
 *   npm run bench -- analysis      (or, with the stack up: node --conditions=source --import tsx bench/analysis/run.ts)
 *   BENCH_ANALYSIS_VODS=4 BENCH_ANALYSIS_MINUTES=60 BENCH_RUNS=1 BENCH_ANALYSIS_RECORD=0 ...   (small mode)
 */
import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { COLLECTIONS, type JobDocument, namespace } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig, type MongoHandle } from '@vodscope/infra'
import { type Pipeline, startPipeline } from '@vodscope/runner'
import { audioDefaults } from '@vodscope/upstream-sim'
import { markdownTable, median, sleep, writeResultsBlock } from '../lib.js'
import { type CpuDelta, cpuBetween, snapshot } from './cpu.js'
import { verifyRun } from './verify.js'
import {
  type BenchVod,
  benchVods,
  cacheFileCount,
  reapedChildrenCpuSec,
  type WarmPass,
  warmSimAudio,
} from './vods.js'

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`)
  return value
}

const VODS = intEnv('BENCH_ANALYSIS_VODS', 20)
const MINUTES = intEnv('BENCH_ANALYSIS_MINUTES', 120) // per VOD; SOOP splits VODs over 2 h into parts
const CHAT_RATE = intEnv('BENCH_ANALYSIS_CHAT_RATE', 120) // base chat messages per minute
const RUNS = intEnv('BENCH_RUNS', 3) // repeats of each replica scenario
const BASELINE_RUNS = intEnv('BENCH_ANALYSIS_BASELINE_RUNS', 1)
const TIMEOUT_MS = intEnv('BENCH_ANALYSIS_TIMEOUT_MIN', 30) * 60_000
const RECORD = process.env.BENCH_ANALYSIS_RECORD !== '0'
const CORES = cpus().length
const GOAL = 20 // stream-hours per core-minute, end to end
const SEED_MIN_PER_HOUR = 6 // the seed system: about 6 minutes per stream-hour
/** Per host and process, as bench/chat: the real platforms' politeness limits are configuration. */
const UPSTREAM_ENV = { VODSCOPE_UPSTREAM_CONCURRENCY: '16', VODSCOPE_UPSTREAM_RATE_PER_SEC: '400' }
const STAGES = ['metadata', 'chat', 'audio', 'highlights'] as const

interface Scenario {
  name: string
  replicas: number
  /** Submit one VOD, wait until its job is finished, then the next. */
  oneAtATime: boolean
  env: NodeJS.ProcessEnv
  runs: number
}

const SCENARIOS: Scenario[] = [
  {
    name: 'sequential baseline',
    replicas: 1,
    oneAtATime: true,
    // One message at a time in every worker (extractor, chat planner and chunks, audio planner and
    // segments) and one ffmpeg per analyzer.
    env: {
      VODSCOPE_CONCURRENCY: '1',
      VODSCOPE_EXTRACTOR_CONCURRENCY: '1',
      VODSCOPE_AUDIO_FFMPEG_PROCESSES: '1',
    },
    runs: BASELINE_RUNS,
  },
  { name: '1 replica of each worker', replicas: 1, oneAtATime: false, env: {}, runs: RUNS },
  { name: '2 replicas of each worker', replicas: 2, oneAtATime: false, env: {}, runs: RUNS },
]

interface RunResult {
  streamHours: number
  wallMs: number
  cpu: CpuDelta
  /** stage → seconds from job creation to the stage done, one per VOD. */
  stageSec: Record<(typeof STAGES)[number], number[]>
  /** Σ over VODs of metadata (creation → done) + chat and audio (started → done): strictly one after another. */
  serialSumSec: number
  warm: [WarmPass, WarmPass]
  windowEncodeCpuSec: number
  windowNewCacheFiles: number
  loadBefore: number
  loadAfter: number
}

const vods = benchVods(VODS, MINUTES, CHAT_RATE)
const cacheDir = audioDefaults().cacheDir

/** Waits until every consumer group of the pipeline is Stable with `members` members. */
async function groupsSettled(pipeline: Pipeline, members: number): Promise<void> {
  const infra = loadInfraConfig(pipeline.env)
  const admin = createKafka(infra, 'bench-analysis-admin').admin()
  await admin.connect()
  try {
    const { groups } = namespace(infra.topicPrefix)
    const wanted = [
      groups.extractor,
      groups.chatPlanner,
      groups.chatChunks,
      groups.audioPlanner,
      groups.audioSegments,
    ]
    const deadline = Date.now() + 120_000
    for (;;) {
      const { groups: described } = await admin.describeGroups(wanted)
      if (described.every((g) => g.state === 'Stable' && g.members.length === members)) return
      if (Date.now() > deadline) throw new Error(`groups did not settle: ${JSON.stringify(described)}`)
      await sleep(250)
    }
  } finally {
    await admin.disconnect()
  }
}

async function submit(gateway: string, vod: BenchVod): Promise<string> {
  const res = await fetch(`${gateway}/v1/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ links: [vod.link] }),
  })
  const body = (await res.json()) as { results?: { jobId?: string }[] }
  const jobId = body.results?.[0]?.jobId
  if (res.status !== 202 || jobId === undefined)
    throw new Error(`POST ${vod.link}: ${res.status} ${JSON.stringify(body)}`)
  return jobId
}

const jobsOf = (db: MongoHandle['db']) => db.collection<JobDocument>(COLLECTIONS.jobs)

/** Resolves with the jobs once every stage of each is done; throws on a failed stage or the timeout. */
async function finished(
  jobs: ReturnType<typeof jobsOf>,
  jobIds: readonly string[],
  deadline: number,
): Promise<JobDocument[]> {
  for (;;) {
    const docs = await jobs.find({ _id: { $in: [...jobIds] } }).toArray()
    const failed = docs.find((d) => Object.values(d.stages).some((s) => s.status === 'failed'))
    if (failed !== undefined) throw new Error(`job ${failed._id} failed: ${JSON.stringify(failed.stages)}`)
    if (
      docs.length === jobIds.length &&
      docs.every((d) => Object.values(d.stages).every((s) => s.status === 'done'))
    )
      return docs
    if (Date.now() > deadline)
      throw new Error(`jobs not finished in time: ${JSON.stringify(docs.map((d) => d.stages))}`)
    await sleep(200)
  }
}

const ms = (d: Date | null | undefined) => (d instanceof Date ? d.getTime() : Number.NaN)

async function runOnce(scenario: Scenario): Promise<RunResult> {
  const r = scenario.replicas
  const pipeline = await startPipeline({
    replicas: { gateway: 1, extractor: r, 'chat-crawler': r, 'audio-analyzer': r },
    env: { ...UPSTREAM_ENV, ...scenario.env },
    partitions: 12,
  })
  const mongo = await connectMongo(loadInfraConfig(pipeline.env), pipeline.mongoDb)
  try {
    const warm: [WarmPass, WarmPass] = [
      await warmSimAudio(pipeline.sim, vods, cacheDir),
      await warmSimAudio(pipeline.sim, vods, cacheDir),
    ]
    await groupsSettled(pipeline, r)
    const jobs = jobsOf(mongo.db)
    const loadBefore = loadavg()[0] ?? 0
    const encode0 = reapedChildrenCpuSec()
    const files0 = cacheFileCount(cacheDir)
    const cpu0 = snapshot(pipeline.supervisor.processes())
    const started = Date.now()
    const deadline = started + TIMEOUT_MS
    const jobIds: string[] = []
    if (scenario.oneAtATime) {
      for (const vod of vods) {
        const jobId = await submit(pipeline.gateway, vod)
        jobIds.push(jobId)
        await finished(jobs, [jobId], deadline)
      }
    } else {
      jobIds.push(...(await Promise.all(vods.map((vod) => submit(pipeline.gateway, vod)))))
    }
    const docs = await finished(jobs, jobIds, deadline)
    const cpu1 = snapshot(pipeline.supervisor.processes())
    const windowEncodeCpuSec = reapedChildrenCpuSec() - encode0
    const windowNewCacheFiles = cacheFileCount(cacheDir) - files0
    const loadAfter = loadavg()[0] ?? 0
    const cpu = cpuBetween(cpu0, cpu1)

    const problems = await verifyRun(mongo.db, pipeline.sim, vods, jobIds)
    if (cpu.restarted.length > 0) problems.push(`restarted during the window: ${cpu.restarted.join(', ')}`)
    if (windowEncodeCpuSec > 0 || windowNewCacheFiles > 0)
      problems.push(
        `the simulator encoded audio in the window (${windowEncodeCpuSec} CPU s, ${windowNewCacheFiles} new files)`,
      )
    if (problems.length > 0)
      throw new Error(`${scenario.name}: run does not verify:\n  ${problems.join('\n  ')}`)

    const stageSec = Object.fromEntries(
      STAGES.map((stage) => [
        stage,
        docs.map((d) => (ms(d.stages[stage].finishedAt) - ms(d.createdAt)) / 1000),
      ]),
    ) as RunResult['stageSec']
    const serialSumSec = docs.reduce(
      (acc, d) =>
        acc +
        (ms(d.stages.metadata.finishedAt) - ms(d.createdAt)) / 1000 +
        (ms(d.stages.chat.finishedAt) - ms(d.stages.chat.startedAt)) / 1000 +
        (ms(d.stages.audio.finishedAt) - ms(d.stages.audio.startedAt)) / 1000,
      0,
    )
    const lastDone = Math.max(...docs.map((d) => ms(d.stages.highlights.finishedAt)))
    return {
      streamHours:
        vods.reduce((acc, v) => acc + pipeline.sim.truth(v.platform, v.videoId).durationSec, 0) / 3600,
      wallMs: lastDone - started,
      cpu,
      stageSec,
      serialSumSec,
      warm,
      windowEncodeCpuSec,
      windowNewCacheFiles,
      loadBefore,
      loadAfter,
    }
  } finally {
    await mongo.close()
    await pipeline.stop()
  }
}

const only = (process.env.BENCH_SCENARIOS ?? '').split(',').filter(Boolean).map(Number)
const chosen = only.length > 0 ? SCENARIOS.filter((_, i) => only.includes(i + 1)) : SCENARIOS

interface Summary {
  scenario: Scenario
  runs: RunResult[]
}

const summaries: Summary[] = []
try {
  for (const scenario of chosen) {
    const runs: RunResult[] = []
    for (let i = 0; i < scenario.runs; i++) {
      const result = await runOnce(scenario)
      runs.push(result)
      const { stageSec, ...rest } = result
      process.stderr.write(`${scenario.name} run ${i + 1}: ${JSON.stringify(rest)}\n`)
    }
    summaries.push({ scenario, runs })
  }
} catch (err) {
  process.stderr.write(`bench/analysis: ${(err as Error).stack ?? String(err)}\nnothing recorded\n`)
  process.exit(1)
}

const hours = summaries[0]?.runs[0]?.streamHours ?? Number.NaN
const med = (s: Summary, pick: (r: RunResult) => number) => median(s.runs.map(pick))
const perCoreMin = (r: RunResult) => r.streamHours / ((r.wallMs / 60_000) * CORES)
const allCpu = (r: RunResult) => r.cpu.workers + r.cpu.gateway + r.cpu.infra + r.cpu.self
const baseline = summaries.find((s) => s.scenario.oneAtATime)
const baseRate = baseline === undefined ? Number.NaN : med(baseline, perCoreMin)
const f1 = (n: number) => n.toFixed(1)
const f2 = (n: number) => n.toFixed(2)

const rateTable = markdownTable(
  [
    'scenario',
    'runs',
    'wall s, median (each run)',
    'min per stream-h (wall)',
    `stream-h per core-min (wall × ${CORES} cores)`,
    'vs baseline',
    'worker CPU s',
    'stream-h per worker CPU-min',
    'gateway / Kafka+Mongo / sim+bench CPU s',
    'stream-h per CPU-min, all of it',
    `other processes' CPU, share of ${CORES} cores`,
    'load 1-min before → after',
  ],
  summaries.map((s) => [
    s.scenario.name,
    s.runs.length,
    `${f1(med(s, (r) => r.wallMs / 1000))} (${s.runs.map((r) => f1(r.wallMs / 1000)).join(', ')})`,
    f2(med(s, (r) => r.wallMs / 60_000 / r.streamHours)),
    `**${f2(med(s, perCoreMin))}**`,
    `${f1(med(s, perCoreMin) / baseRate)}×`,
    f1(med(s, (r) => r.cpu.workers)),
    f2(med(s, (r) => r.streamHours / (r.cpu.workers / 60))),
    `${f1(med(s, (r) => r.cpu.gateway))} / ${f1(med(s, (r) => r.cpu.infra))} / ${f1(med(s, (r) => r.cpu.self))}`,
    f2(med(s, (r) => r.streamHours / (allCpu(r) / 60))),
    `${Math.round(100 * med(s, (r) => r.cpu.others / ((r.wallMs / 1000) * CORES)))} %`,
    s.runs.map((r) => `${f1(r.loadBefore)} → ${f1(r.loadAfter)}`).join(', '),
  ]),
)

const stageTable = markdownTable(
  ['scenario', ...STAGES.map((st) => `${st} done, s after job creation: median / max`)],
  summaries.map((s) => [
    s.scenario.name,
    ...STAGES.map(
      (st) =>
        `${f1(med(s, (r) => median(r.stageSec[st])))} / ${f1(med(s, (r) => Math.max(...r.stageSec[st])))}`,
    ),
  ]),
)

const warmLines = summaries.map((s) => {
  const r = s.runs[0]!
  const pass = (p: WarmPass) =>
    `${p.requests} requests in ${Math.round(p.ms)} ms, ffmpeg CPU ${f2(p.encodeCpuSec)} s, ${p.newCacheFiles} new cache files`
  return `- ${s.scenario.name} (first run): warm-up pass 1: ${pass(r.warm[0])}; pass 2: ${pass(r.warm[1])}; timed window (every run): ffmpeg CPU ${s.runs.map((x) => f2(x.windowEncodeCpuSec)).join(', ')} s, new cache files ${s.runs.map((x) => x.windowNewCacheFiles).join(', ')}`
})

const best = summaries.filter((s) => !s.scenario.oneAtATime).map((s) => med(s, perCoreMin))
const bestRate = best.length > 0 ? Math.max(...best) : Number.NaN
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
const sizes = `${VODS} VODs × ${MINUTES} min (${f1(hours)} stream-hours; Twitch and SOOP alternating, ${CHAT_RATE} base chat messages/min)`
const notes = [
  `Recorded ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, ${CORES} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, store ${process.env.VODSCOPE_MONGO_SERVER ?? 'mongo-java-server (default)'}.`,
  `${sizes}; all runs verified: every job's four stages done, final highlights fused with chat for every VOD, stored chat equal to the simulator's truth message for message.`,
  '',
  rateTable,
  '',
  stageTable,
  '',
  ...(baseline === undefined
    ? []
    : [
        `Sequential baseline, strictly one stage after another (Σ over VODs of metadata creation → done, chat started → done, audio started → done, median of runs): ${f1(med(baseline, (r) => r.serialSumSec))} s, ${f2(med(baseline, (r) => r.streamHours / ((r.serialSumSec / 60) * CORES)))} stream-h per core-min.`,
        '',
      ]),
  ...warmLines,
  '',
  `Seed system: about ${SEED_MIN_PER_HOUR} min per stream-hour. Goal ≥ ${GOAL} stream-hours per core-minute end to end: **${bestRate >= GOAL ? 'met' : 'not met'}** (best replica scenario ${f2(bestRate)}).`,
].join('\n')

process.stdout.write(`\n${notes}\n`)
if (RECORD) writeResultsBlock(new URL('./RESULTS.md', import.meta.url), notes)
process.exit(0)
