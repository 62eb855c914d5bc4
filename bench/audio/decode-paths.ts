/**
 * The analyzer's decode path against the ffmpeg floor, and the candidate paths side by side, on the
 * same media in one run: 1 h and 4 h simulator VODs (Twitch HLS, copied to local files first so
 * neither the simulator's CPU nor HTTP colours the figures), cut into the planner's 10-minute
 * segments and decoded one ffmpeg at a time, so each path's CPU is its own. Paths alternate within
 * each repeat; figures are medians. Every path's per-second LUFS is compared with the shipped one.
 *
 *   node --conditions=source --import tsx bench/audio/decode-paths.ts     (no stack needed)
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveFfmpeg } from '@vodscope/audio-analyzer'
import {
  DECODER_DEFAULTS,
  decodeSegment,
  LoudnessMeter,
  lufs,
  preFilter,
  rlbFilter,
  type SecondBins,
} from '@vodscope/audio-analyzer/testing'
import { startSim } from '@vodscope/upstream-sim'
import { markdownTable, median } from '../lib.js'
import { copyHls } from './local-hls.js'
import { plainDecodeMs } from './plain-decode.js'
import { childrenCpuSec } from './processes.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const VODS = { '1 h': '770060060', '4 h': '770240060' } as const
const SEGMENT_SEC = 600 // the planner's default segment length
const RATE = DECODER_DEFAULTS.sampleRate
const RESAMPLE = 'aresample=8000:filter_size=16:phase_shift=8' // decode-segment.ts's resampler
const ffmpegPath = resolveFfmpeg().path

/** A path's consumer of one segment's PCM: per-second energy. */
interface Meter {
  push(chunk: Buffer): void
  finish(): SecondBins
}

/** Sum of squares per second of f32le PCM that ffmpeg has already K-weighted. */
class SquaresMeter implements Meter {
  private carry = Buffer.alloc(0)
  private readonly bins: SecondBins
  private inBin = 0

  constructor(startSec: number) {
    this.bins = { firstSec: startSec, sumSquares: [0], samples: [0] }
  }

  push(chunk: Buffer): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk
    const usable = bytes.length - (bytes.length % 4)
    this.carry = Buffer.from(bytes.subarray(usable))
    // A Float32Array view needs a 4-byte-aligned offset; copy the rare chunk that is not.
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes)
    const pcm = new Float32Array(aligned.buffer, aligned.byteOffset, usable / 4)
    const { sumSquares, samples } = this.bins
    let sum = sumSquares[sumSquares.length - 1] ?? 0
    for (let i = 0; i < pcm.length; i++) {
      const v = pcm[i] as number
      sum += v * v
      if (++this.inBin === RATE) {
        sumSquares[sumSquares.length - 1] = sum
        samples[samples.length - 1] = RATE
        sumSquares.push(0)
        samples.push(0)
        sum = 0
        this.inBin = 0
      }
    }
    sumSquares[sumSquares.length - 1] = sum
    samples[samples.length - 1] = this.inBin
  }

  finish(): SecondBins {
    const { firstSec, sumSquares, samples } = this.bins
    const last = samples.length - 1
    return samples[last] === 0
      ? { firstSec, sumSquares: sumSquares.slice(0, last), samples: samples.slice(0, last) }
      : this.bins
  }
}

/** ffmpeg's `biquad` with a stage's coefficients (a0 = 1, as the bilinear transform normalises them). */
function biquadFilter(b: { b0: number; b1: number; b2: number; a1: number; a2: number }): string {
  return `biquad=b0=${b.b0}:b1=${b.b1}:b2=${b.b2}:a0=1:a1=${b.a1}:a2=${b.a2}`
}

interface RawPath {
  kind: 'raw'
  name: string
  outputArgs: string[]
  bytesPerSample: number
  rate: number // Hz of the PCM the path writes
  meter: (startSec: number) => Meter
}
type Path = RawPath | { kind: 'shipped'; name: string }

const s16 = ['-c:a', 'pcm_s16le', '-f', 's16le']
const PATHS: Path[] = [
  {
    kind: 'raw',
    name: "main's: s16le 8 kHz written per packet, K-weighted in JS",
    outputArgs: ['-copyts', '-vn', '-ac', '1', '-af', RESAMPLE, ...s16],
    bytesPerSample: 2,
    rate: RATE,
    meter: (startSec) => new LoudnessMeter(RATE, startSec),
  },
  {
    kind: 'raw',
    name: 'same, ffmpeg buffering its writes (-flush_packets 0)',
    outputArgs: ['-copyts', '-flush_packets', '0', '-vn', '-ac', '1', '-af', RESAMPLE, ...s16],
    bytesPerSample: 2,
    rate: RATE,
    meter: (startSec) => new LoudnessMeter(RATE, startSec),
  },
  {
    kind: 'raw',
    name: 'K-weighting in ffmpeg (two biquads), f32le 8 kHz, squares summed in JS',
    outputArgs: [
      ...['-copyts', '-flush_packets', '0', '-vn', '-ac', '1'],
      ...['-af', [RESAMPLE, biquadFilter(preFilter(RATE)), biquadFilter(rlbFilter(RATE))].join(',')],
      ...['-c:a', 'pcm_f32le', '-f', 'f32le'],
    ],
    bytesPerSample: 4,
    rate: RATE,
    meter: (startSec) => new SquaresMeter(startSec),
  },
  {
    kind: 'raw',
    name: 'soxr instead of swr, s16le 8 kHz, K-weighted in JS',
    outputArgs: [
      '-copyts',
      '-flush_packets',
      '0',
      '-vn',
      '-ac',
      '1',
      '-af',
      'aresample=8000:resampler=soxr',
      ...s16,
    ],
    bytesPerSample: 2,
    rate: RATE,
    meter: (startSec) => new LoudnessMeter(RATE, startSec),
  },
  {
    // The simulator's (and Twitch's) audio is 16 kHz: aresample to the same rate is no resampling.
    kind: 'raw',
    name: 'no resampling: s16le 16 kHz (the source rate), K-weighted in JS at 16 kHz',
    outputArgs: ['-copyts', '-flush_packets', '0', '-vn', '-ac', '1', '-af', 'aresample=16000', ...s16],
    bytesPerSample: 2,
    rate: 16_000,
    meter: (startSec) => new LoudnessMeter(16_000, startSec),
  },
  { kind: 'shipped', name: "this tree's decodeSegment (fluent-ffmpeg)" },
]

/** Decodes one segment the way decode-segment.ts does (exact sample count, then SIGKILL). */
function rawSegment(path: RawPath, url: string, offsetSec: number, durationSec: number): Promise<SecondBins> {
  const meter = path.meter(offsetSec)
  const wanted = Math.round(durationSec * path.rate) * path.bytesPerSample
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-protocol_whitelist', 'file']
  const input = [...(offsetSec > 0 ? ['-ss', offsetSec.toFixed(3)] : []), '-i', url]
  const child = spawn(ffmpegPath, [...args, ...input, ...path.outputArgs, 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let received = 0
  child.stdout.on('data', (chunk: Buffer) => {
    if (received >= wanted) return
    const take = Math.min(chunk.length, wanted - received)
    meter.push(take === chunk.length ? chunk : chunk.subarray(0, take))
    received += take
    if (received >= wanted) child.kill('SIGKILL')
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', () => resolve(meter.finish()))
  })
}

async function decodeVod(path: Path, url: string, durationSec: number): Promise<SecondBins[]> {
  const pieces: SecondBins[] = []
  for (let at = 0; at < durationSec; at += SEGMENT_SEC) {
    const len = Math.min(SEGMENT_SEC, durationSec - at)
    pieces.push(
      path.kind === 'raw'
        ? await rawSegment(path, url, at, len)
        : await decodeSegment(
            { url, offsetSec: at, durationSec: len, startSec: at },
            { ...DECODER_DEFAULTS, ffmpegPath, protocols: 'file' },
          ),
    )
  }
  return pieces
}

/** LUFS per second of VOD time, the pieces laid end to end. */
function series(pieces: readonly SecondBins[]): number[] {
  const out: number[] = []
  for (const p of pieces) {
    for (const [i, s] of p.sumSquares.entries()) out[p.firstSec + i] = lufs(s, p.samples[i] ?? 0)
  }
  return out
}

interface Measured {
  wallMs: number[]
  ffmpegCpu: number[]
  nodeCpu: number[]
  series?: number[]
}

const loadBefore = loadavg()
const work = await mkdtemp(join(tmpdir(), 'vodscope-decode-paths-'))
const sections: string[] = []
try {
  const sim = await startSim({ port: 0, logLevel: 'silent' })
  const media: Record<string, { url: string; durationSec: number }> = {}
  try {
    for (const [vod, id] of Object.entries(VODS)) {
      const url = await copyHls(sim.url, id, join(work, id))
      media[vod] = { url, durationSec: sim.truth('twitch', id).durationSec }
    }
  } finally {
    await sim.close()
  }
  for (const [vod, { url, durationSec }] of Object.entries(media)) {
    const plain: Measured = { wallMs: [], ffmpegCpu: [], nodeCpu: [] }
    const byPath = new Map<Path, Measured>(PATHS.map((p) => [p, { wallMs: [], ffmpegCpu: [], nodeCpu: [] }]))
    await plainDecodeMs(url) // warm the page cache
    for (let run = 0; run < RUNS; run++) {
      const c0 = childrenCpuSec()
      const n0 = process.cpuUsage()
      plain.wallMs.push(await plainDecodeMs(url))
      plain.ffmpegCpu.push(childrenCpuSec() - c0)
      const n = process.cpuUsage(n0)
      plain.nodeCpu.push((n.user + n.system) / 1e6)
      for (const path of PATHS) {
        const m = byPath.get(path) as Measured
        const f0 = childrenCpuSec()
        const u0 = process.cpuUsage()
        const started = performance.now()
        const pieces = await decodeVod(path, url, durationSec)
        m.wallMs.push(performance.now() - started)
        m.ffmpegCpu.push(childrenCpuSec() - f0)
        const u = process.cpuUsage(u0)
        m.nodeCpu.push((u.user + u.system) / 1e6)
        m.series ??= series(pieces)
      }
      process.stdout.write(`${vod} run ${run + 1}/${RUNS} done\n`)
    }
    const shipped = byPath.get(PATHS[PATHS.length - 1] as Path)?.series ?? []
    const plainCpu = median(plain.ffmpegCpu)
    const plainWall = median(plain.wallMs)
    const rows = [
      ['plain `ffmpeg -i <playlist> -f null -` (the floor)', plain] as const,
      ...PATHS.map((p) => [p.name, byPath.get(p) as Measured] as const),
    ].map(([name, m]) => {
      const cpu = median(m.ffmpegCpu) + median(m.nodeCpu)
      // Seconds the absolute gate keeps; a quieter second is silence to every consumer of the series.
      const diffs = (m.series ?? []).flatMap((v, i) => {
        const ref = shipped[i]
        return ref === undefined || ref < -70 ? [] : [Math.abs(v - ref)]
      })
      return [
        name,
        (median(m.wallMs) / 1000).toFixed(2),
        (median(m.wallMs) / plainWall).toFixed(2),
        median(m.ffmpegCpu).toFixed(2),
        median(m.nodeCpu).toFixed(2),
        `${cpu.toFixed(2)} (${(cpu / plainCpu).toFixed(2)}×)`,
        diffs.length === 0
          ? '–'
          : `${Math.max(...diffs).toFixed(3)} / ${(diffs.reduce((a, b) => a + b, 0) / diffs.length).toFixed(4)}`,
      ]
    })
    sections.push(
      `### ${vod} VOD (${Math.ceil(durationSec / SEGMENT_SEC)} segments)\n\n${markdownTable(
        [
          'path',
          'wall, s',
          'wall / plain',
          'ffmpeg CPU s',
          'Node CPU s',
          'CPU s total (/ plain)',
          'per-second LUFS vs shipped: max / mean |Δ|, LU',
        ],
        rows,
      )}`,
    )
  }
} finally {
  await rm(work, { recursive: true, force: true })
}

const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')
process.stdout.write(`
## Decode paths (bench/audio/decode-paths.ts)

Recorded ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average 1 / 5 / 15 min
${load(loadBefore)} at the start, ${load(loadavg())} at the end; medians of ${RUNS} repeats, the paths alternating within each.
Segments are decoded one at a time; "Node CPU" is this process's (the meter's loop and the pipe reads).

${sections.join('\n\n')}
`)
process.exit(0)
