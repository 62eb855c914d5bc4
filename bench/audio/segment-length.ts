/**
 * What the planner's segment length costs: the shipped decode path (decodeSegment) over a 4 h
 * simulator VOD cut into segments of each length, one ffmpeg at a time, against one plain decode of
 * the whole file. Media are copied to local files first, as in decode-paths.ts, so neither the
 * simulator's CPU nor HTTP colours the figures. Lengths alternate within each repeat; medians.
 *
 *   node --conditions=source --import tsx bench/audio/segment-length.ts     (no stack needed)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveFfmpeg } from '@vodscope/audio-analyzer'
import { DECODER_DEFAULTS, decodeSegment } from '@vodscope/audio-analyzer/testing'
import { startSim } from '@vodscope/upstream-sim'
import { markdownTable, median } from '../lib.js'
import { copyHls } from './local-hls.js'
import { plainDecodeMs } from './plain-decode.js'
import { childrenCpuSec } from './processes.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const VIDEO_ID = '770240060' // 4 h
const LENGTHS = (process.env.BENCH_SEGMENT_LENGTHS ?? '300,600,1200,1800,3600').split(',').map(Number)
const ffmpegPath = resolveFfmpeg().path

async function decodeAll(url: string, durationSec: number, segmentSec: number): Promise<void> {
  for (let at = 0; at < durationSec; at += segmentSec) {
    const len = Math.min(segmentSec, durationSec - at)
    await decodeSegment(
      { url, offsetSec: at, durationSec: len, startSec: at },
      { ...DECODER_DEFAULTS, ffmpegPath, protocols: 'file' },
    )
  }
}

const loadBefore = loadavg()
const work = await mkdtemp(join(tmpdir(), 'vodscope-segment-length-'))
try {
  const sim = await startSim({ port: 0, logLevel: 'silent' })
  let url: string
  let durationSec: number
  try {
    url = await copyHls(sim.url, VIDEO_ID, join(work, VIDEO_ID))
    durationSec = sim.truth('twitch', VIDEO_ID).durationSec
  } finally {
    await sim.close()
  }
  await plainDecodeMs(url) // warm the page cache
  const plain = { ffmpeg: [] as number[] }
  const byLength = new Map(
    LENGTHS.map((l) => [l, { wall: [] as number[], ffmpeg: [] as number[], node: [] as number[] }]),
  )
  for (let run = 0; run < RUNS; run++) {
    const c0 = childrenCpuSec()
    await plainDecodeMs(url)
    plain.ffmpeg.push(childrenCpuSec() - c0)
    for (const length of LENGTHS) {
      const m = byLength.get(length) as { wall: number[]; ffmpeg: number[]; node: number[] }
      const f0 = childrenCpuSec()
      const u0 = process.cpuUsage()
      const started = performance.now()
      await decodeAll(url, durationSec, length)
      m.wall.push(performance.now() - started)
      m.ffmpeg.push(childrenCpuSec() - f0)
      const u = process.cpuUsage(u0)
      m.node.push((u.user + u.system) / 1e6)
    }
    process.stdout.write(`run ${run + 1}/${RUNS} done\n`)
  }
  const plainCpu = median(plain.ffmpeg)
  const rows = [
    ['plain decode, one process', '1', '–', plainCpu.toFixed(2), '–', '1.00×'],
    ...LENGTHS.map((length) => {
      const m = byLength.get(length) as { wall: number[]; ffmpeg: number[]; node: number[] }
      const total = median(m.ffmpeg) + median(m.node)
      return [
        `${length / 60} min`,
        String(Math.ceil(durationSec / length)),
        (median(m.wall) / 1000).toFixed(2),
        median(m.ffmpeg).toFixed(2),
        median(m.node).toFixed(2),
        `${(total / plainCpu).toFixed(2)}×`,
      ]
    }),
  ]
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')
  process.stdout.write(`
## Segment length (bench/audio/segment-length.ts)

Recorded ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average 1 / 5 / 15 min
${load(loadBefore)} at the start, ${load(loadavg())} at the end; 4 h VOD, medians of ${RUNS} repeats, lengths alternating within each.

${markdownTable(['segment length', 'segments', 'wall, s', 'ffmpeg CPU s', 'Node CPU s', 'CPU total / plain'], rows)}
`)
} finally {
  await rm(work, { recursive: true, force: true })
}
process.exit(0)
