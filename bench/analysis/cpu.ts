import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cpuSec } from '../audio/processes.js'

const ROOT = new URL('../../', import.meta.url).pathname

/** Busy and total CPU seconds of the whole machine so far (first line of /proc/stat, all cores). */
function machineCpuSec(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number)
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0) // user … steal; guest is inside user
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0) // idle + iowait
  return { busy: (total - idle) / 100, total: total / 100 }
}

/**
 * Pids of this stack's Kafka and Mongo-compatible server from the devstack's pid records
 * (VODSCOPE_STACK_DIR, default .devstack/state); empty when the stack is external.
 */
function infraPids(): number[] {
  const dir = process.env.VODSCOPE_STACK_DIR?.trim() || join(ROOT, '.devstack/state')
  return ['kafka', 'mongo'].flatMap((component) => {
    try {
      const record = JSON.parse(readFileSync(join(dir, 'pids', `${component}.json`), 'utf8')) as {
        pid?: number
      }
      return typeof record.pid === 'number' ? [record.pid] : []
    } catch {
      return []
    }
  })
}

export interface CpuSnapshot {
  at: number
  /** name → [pid, CPU s] of every pipeline process; CPU includes its reaped children (ffmpeg). */
  processes: Map<string, [number, number]>
  infra: number
  /** This process: the in-process simulator serving media and chat, and the benchmark's polling. */
  self: number
  machineBusy: number
}

export function snapshot(processes: ReadonlyArray<{ name: string; pid: number | undefined }>): CpuSnapshot {
  const usage = process.cpuUsage()
  return {
    at: performance.now(),
    processes: new Map(
      processes.flatMap((p) => (p.pid === undefined ? [] : [[p.name, [p.pid, cpuSec(p.pid)]] as const])),
    ),
    infra: infraPids().reduce((acc, pid) => acc + cpuSec(pid), 0),
    self: (usage.user + usage.system) / 1e6,
    machineBusy: machineCpuSec().busy,
  }
}

export interface CpuDelta {
  /** CPU s of extractor, chat-crawler and audio-analyzer processes (and their ffmpeg children). */
  workers: number
  gateway: number
  infra: number
  self: number
  /** Machine-wide busy CPU s not accounted for above: other engineers' processes. */
  others: number
  /** Pipeline processes whose pid changed between the snapshots (restarted: their CPU is incomplete). */
  restarted: string[]
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuDelta {
  let workers = 0
  let gateway = 0
  const restarted: string[] = []
  for (const [name, [pid, cpu]] of b.processes) {
    const before = a.processes.get(name)
    if (before === undefined || before[0] !== pid) {
      restarted.push(name)
      continue
    }
    if (name.startsWith('gateway')) gateway += cpu - before[1]
    else workers += cpu - before[1]
  }
  const infra = b.infra - a.infra
  const self = b.self - a.self
  const others = b.machineBusy - a.machineBusy - workers - gateway - infra - self
  return { workers, gateway, infra, self, others: Math.max(0, others), restarted }
}
