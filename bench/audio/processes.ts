import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const ROOT = new URL('../../', import.meta.url).pathname
const PAGE_KB = 4

/** Resident set size of a process, KiB, or undefined when it is gone. */
function rssKb(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')
    return Number(fields[1]) * PAGE_KB
  } catch {
    return undefined
  }
}

/** Peak RSS the kernel recorded for the process (VmHWM), KiB. */
function peakRssKb(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'))
    return line === undefined ? undefined : Number(line.replace(/\D+/g, ''))
  } catch {
    return undefined
  }
}

const TICKS_PER_SEC = 100 // USER_HZ on Linux

/**
 * CPU seconds a process used itself (utime + stime of /proc/<pid>/stat) and its reaped children
 * (cutime + cstime): for a worker, Node and every ffmpeg it ran to completion.
 */
function cpuTimes(pid: number): { ownSec: number; childrenSec: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    // After the name: state is field 3, so utime..cstime (fields 14–17) sit at 11..14 here.
    const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15)
    return { ownSec: (utime + stime) / TICKS_PER_SEC, childrenSec: (cutime + cstime) / TICKS_PER_SEC }
  } catch {
    return { ownSec: 0, childrenSec: 0 }
  }
}

/** CPU seconds a process used, its reaped children's included: what bench/analysis sums per process. */
export function cpuSec(pid: number | 'self'): number {
  const times = cpuTimes(pid === 'self' ? process.pid : pid)
  return times.ownSec + times.childrenSec
}

/** CPU seconds of this process's reaped children only (cutime + cstime): the plain ffmpeg runs. */
export function childrenCpuSec(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SEC
}

function childrenOf(pid: number): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) out.push(Number(entry))
    } catch {
      // exited while we looked
    }
  }
  return out
}

export interface AnalyzerProcess {
  child: ChildProcess
  /** CPU seconds so far, Node and finished ffmpeg children together. */
  cpuSec(): number
  /** The finished ffmpeg children's share of `cpuSec`. */
  ffmpegCpuSec(): number
  ready: Promise<void>
  /** Largest RSS sampled of one ffmpeg child of this worker so far, KiB. */
  ffmpegPeakKb(): number
  /** VmHWM of the Node process, KiB. */
  nodePeakKb(): number
  stop(): Promise<void>
}

/**
 * One analyzer replica (planner or segment worker, by VODSCOPE_AUDIO_ROLE): the real
 * `apps/audio-analyzer/src/main.ts` in its own process, as a deployment runs it, with its ffmpeg
 * children sampled every 50 ms for their memory. `root` is the checkout whose code runs (this one
 * by default; another one with its own node_modules for a before/after comparison).
 */
export function startAnalyzerProcess(env: NodeJS.ProcessEnv, root = ROOT): AnalyzerProcess {
  const child = spawn(
    process.execPath,
    // BENCH_AUDIO_NODE_ARGS: extra Node flags for the analyzer processes only, e.g. `--cpu-prof
    // --cpu-prof-dir=/tmp/prof` (Node refuses --cpu-prof in NODE_OPTIONS).
    [
      ...(process.env.BENCH_AUDIO_NODE_ARGS?.split(' ').filter((a) => a !== '') ?? []),
      '--conditions=source',
      '--import',
      'tsx',
      'apps/audio-analyzer/src/main.ts',
    ],
    {
      cwd: root,
      env: { ...env, VODSCOPE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const pid = child.pid ?? -1
  let ffmpegPeak = 0
  const sampler = setInterval(() => {
    for (const c of childrenOf(pid)) ffmpegPeak = Math.max(ffmpegPeak, rssKb(c) ?? 0)
  }, 50)
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"workers running"')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`segment worker exited with ${code} before it ran`)))
  })
  ready.catch(() => undefined)
  return {
    child,
    ready,
    cpuSec: () => {
      const { ownSec, childrenSec } = cpuTimes(pid)
      return ownSec + childrenSec
    },
    ffmpegCpuSec: () => cpuTimes(pid).childrenSec,
    ffmpegPeakKb: () => ffmpegPeak,
    nodePeakKb: () => peakRssKb(pid) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(sampler)
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
