/**
 * Audio analyzer benchmark: 1 h and 4 h generated VODs served by upstream-sim as Twitch HLS. Plain
 * `ffmpeg -f null` decode of the same playlist (the floor) against the analyzer's wall time for the
 * whole VOD (VideoExtracted produced → highlights ranked, through Kafka and MongoDB), realtime factor,
 * CPU, peak RSS per segment worker, and the speed-up of two segment-worker replicas over one.
 * Plain and analyzer runs alternate, so both see the same load on a shared machine; ratios are
 * medians of the per-pair ratios.
 *
 * BENCH_AUDIO_BASELINE=<dir> also runs the analyzer of another checkout (its own `npm ci` done, e.g.
 * a worktree of main) in each scenario, right before this tree's, against the same stack and VODs:
 * before and after in one run.
 *
 *   npm run bench -- audio        (or, with the stack up: node --conditions=source --import tsx bench/audio/run.ts)
 */
import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import type { Platform } from '@vodscope/contracts'
import { markdownTable, median, sleep, writeResultsBlock } from '../lib.js'
import { plainDecodeMs } from './plain-decode.js'
import { type AnalyzerProcess, childrenCpuSec, startAnalyzerProcess } from './processes.js'
import { benchStack } from './stack.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const PARTITIONS = 12
const VODS = {
  '1 h': { platform: 'twitch' as Platform, videoId: '770060060' },
  '4 h': { platform: 'twitch' as Platform, videoId: '770240060' },
}

/**
 * `ffmpeg` is each replica's ffmpeg budget: the default (one per core) for "one replica on this box",
 * and one per replica for the scaling pair, where a replica stands for a one-CPU container.
 */
const SCENARIOS: Array<{ vod: keyof typeof VODS; replicas: number; ffmpeg: 'cores' | number }> = [
  { vod: '1 h', replicas: 1, ffmpeg: 'cores' },
  { vod: '4 h', replicas: 1, ffmpeg: 'cores' },
  { vod: '4 h', replicas: 1, ffmpeg: 1 },
  { vod: '4 h', replicas: 2, ffmpeg: 1 },
]
/** BENCH_AUDIO_SCENARIOS=1,2 runs only those rows of SCENARIOS (0-based), e.g. for a profile. */
const chosen = process.env.BENCH_AUDIO_SCENARIOS?.split(',').map(Number)
const RUN_SCENARIOS = chosen === undefined ? SCENARIOS : SCENARIOS.filter((_, i) => chosen.includes(i))

const ROOT = new URL('../../', import.meta.url).pathname
const commitOf = (dir: string): string => {
  const head = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD']).toString().trim()
  const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no']).length > 0
  return dirty ? `${head} + changes` : head
}
const baseline = process.env.BENCH_AUDIO_BASELINE
/** The analyzer code under test: the baseline checkout (if any) first, then this tree. */
const CODE = [
  ...(baseline === undefined || baseline === '' ? [] : [{ name: 'baseline', root: baseline }]),
  { name: 'this tree', root: ROOT },
].map((c) => ({ ...c, label: `${c.name} (${commitOf(c.root)})` }))

interface Row {
  code: (typeof CODE)[number]
  scenario: (typeof SCENARIOS)[number]
  durationSec: number
  plainMs: number[]
  wallMs: number[]
  ratios: number[]
  plainCpu: number[]
  analyzerCpu: number[]
  ffmpegCpu: number[]
  nodePeakMb: number
  ffmpegPeakMb: number
}

const loadBefore = loadavg()
const stack = await benchStack(PARTITIONS)
const baseEnv = { ...stack.env, VODSCOPE_UPSTREAM_URL: stack.sim.url }
const rows: Row[] = []
try {
  for (const scenario of RUN_SCENARIOS)
    for (const code of CODE) {
      const vod = VODS[scenario.vod]
      const durationSec = stack.sim.truth(vod.platform, vod.videoId).durationSec
      const playlist = `${stack.sim.url}/media/${vod.platform}/${vod.videoId}/0/index.m3u8`
      await plainDecodeMs(playlist) // warm-up: the simulator renders and caches the audio on first request
      const env = {
        ...baseEnv,
        ...(scenario.ffmpeg === 'cores' ? {} : { VODSCOPE_AUDIO_FFMPEG_PROCESSES: String(scenario.ffmpeg) }),
      }
      const planner = startAnalyzerProcess({ ...env, VODSCOPE_AUDIO_ROLE: 'planner' }, code.root)
      const workers: AnalyzerProcess[] = Array.from({ length: scenario.replicas }, () =>
        startAnalyzerProcess({ ...env, VODSCOPE_AUDIO_ROLE: 'segments' }, code.root),
      )
      const all = [planner, ...workers]
      const row: Row = {
        code,
        scenario,
        durationSec,
        plainMs: [],
        wallMs: [],
        ratios: [],
        plainCpu: [],
        analyzerCpu: [],
        ffmpegCpu: [],
        nodePeakMb: 0,
        ffmpegPeakMb: 0,
      }
      try {
        await Promise.all(all.map((p) => p.ready))
        await sleep(5_000) // let the groups settle their partitions before the clock starts
        for (let i = 0; i < RUNS; i++) {
          const cpu0 = childrenCpuSec()
          const plain = await plainDecodeMs(playlist)
          row.plainCpu.push(childrenCpuSec() - cpu0)

          const before = all.map((p) => p.cpuSec())
          const ffmpegBefore = all.map((p) => p.ffmpegCpuSec())
          const started = performance.now()
          const jobId = await stack.submit(vod.platform, vod.videoId)
          await stack.waitForHighlights(jobId, 30 * 60_000)
          const wall = performance.now() - started
          const analyzerCpu = all.reduce((acc, p, k) => acc + p.cpuSec() - (before[k] ?? 0), 0)
          row.analyzerCpu.push(analyzerCpu)
          row.ffmpegCpu.push(all.reduce((acc, p, k) => acc + p.ffmpegCpuSec() - (ffmpegBefore[k] ?? 0), 0))
          row.plainMs.push(plain)
          row.wallMs.push(wall)
          row.ratios.push(wall / plain)
          process.stdout.write(
            `${code.name}: ${scenario.vod} ${scenario.replicas}×${scenario.ffmpeg} run ${i + 1}: plain ${(plain / 1000).toFixed(1)} s, analyzer ${(wall / 1000).toFixed(1)} s; CPU ${analyzerCpu.toFixed(2)} / ${(row.plainCpu.at(-1) ?? 0).toFixed(2)} s\n`,
          )
        }
        row.nodePeakMb = Math.max(...workers.map((w) => w.nodePeakKb())) / 1024
        row.ffmpegPeakMb = Math.max(...workers.map((w) => w.ffmpegPeakKb())) / 1024
      } finally {
        await Promise.all(all.map((p) => p.stop()))
      }
      rows.push(row)
    }
} finally {
  await stack.close()
}

const sec = (ms: number) => (ms / 1000).toFixed(1)
const table = markdownTable(
  [
    'code',
    'VOD',
    'segment workers × ffmpeg each',
    'plain ffmpeg decode, s',
    'analyzer wall, s',
    'analyzer / plain',
    'realtime factor',
    'CPU s: analyzer / plain',
    'analyzer CPU s in ffmpeg / in Node',
    'peak RSS per worker (Node), MB',
    'peak RSS per ffmpeg, MB',
  ],
  rows.map((r) => [
    r.code.label,
    r.scenario.vod,
    `${r.scenario.replicas} × ${r.scenario.ffmpeg === 'cores' ? `${cpus().length} (default: cores)` : r.scenario.ffmpeg}`,
    sec(median(r.plainMs)),
    sec(median(r.wallMs)),
    median(r.ratios).toFixed(2),
    `${Math.round(r.durationSec / (median(r.wallMs) / 1000))}×`,
    `${median(r.analyzerCpu).toFixed(2)} / ${median(r.plainCpu).toFixed(2)} = ${median(r.analyzerCpu.map((c, i) => c / (r.plainCpu[i] ?? Number.NaN))).toFixed(2)}`,
    `${median(r.ffmpegCpu).toFixed(2)} / ${median(r.analyzerCpu.map((c, i) => c - (r.ffmpegCpu[i] ?? 0))).toFixed(2)}`,
    r.nodePeakMb.toFixed(0),
    r.ffmpegPeakMb.toFixed(0),
  ]),
)
const speedUps = CODE.map((code) => {
  const pair = rows.filter((r) => r.code === code && r.scenario.vod === '4 h' && r.scenario.ffmpeg === 1)
  const speedUp =
    pair.length === 2 && pair[0] && pair[1]
      ? (median(pair[0].wallMs) / median(pair[1].wallMs)).toFixed(2)
      : 'n/a'
  return `Two segment-worker replicas over one (one ffmpeg each), 4 h VOD, ${code.label}: **${speedUp}×**.`
})
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')
const report = `Recorded ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'},
shared with other engineers' builds and tests (load average 1 / 5 / 15 min ${load(loadBefore)} at the start,
${load(loadavg())} at the end, on ${cpus().length} cores); medians of ${RUNS} runs.

Setup: upstream-sim (in the benchmark process) serves each VOD as Twitch HLS: 10 s packed-AAC segments,
16 kHz mono, 32 kb/s. The analyzer runs as real processes from source (tsx): one planner and N segment
workers, 10-minute segments, Kafka with ${PARTITIONS} partitions, the devstack's store
(${process.env.VODSCOPE_MONGO_SERVER ?? 'default'}). Wall time runs from producing
the VideoExtracted message to the ranked highlights stored. Plain decode is
\`ffmpeg -i <playlist> -f null -\` on the same playlist, one process, run alternately with the analyzer.
CPU is user + system seconds of all analyzer processes and their ffmpeg children, vs the plain ffmpeg
(the ratio is the median of the per-pair ratios).${CODE.length > 1 ? ' Each scenario runs the baseline checkout first, then this tree.' : ''}

${table}

${speedUps.join('\n')}
`
// A run of some scenarios only (BENCH_AUDIO_SCENARIOS) prints its table and leaves RESULTS.md alone.
if (chosen === undefined) writeResultsBlock(new URL('./RESULTS.md', import.meta.url), report)
process.stdout.write(`\n${report}\n`)
process.exit(0)
