import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { commandLine, isAlive } from './processes.js'

const COMPONENTS = ['kafka', 'mongo'] as const
export type Component = (typeof COMPONENTS)[number]

/** What `up` wrote down about a server it started; `down` and `status` trust nothing else. */
export interface PidRecord {
  component: Component
  /** kafka, ferretdb or mongo-java-server. */
  server: string
  version: string
  pid: number
  port: number
  log: string
  /** A string only our server's command line contains (the stack folder), to survive pid reuse. */
  marker: string
  startedAt: string
}

const recordFile = (pidsDir: string, component: Component) => join(pidsDir, `${component}.json`)

export function readPidRecord(pidsDir: string, component: Component): PidRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(pidsDir, component), 'utf8')) as PidRecord
  } catch {
    return undefined
  }
}

export function writePidRecord(pidsDir: string, record: PidRecord): void {
  mkdirSync(pidsDir, { recursive: true })
  writeFileSync(recordFile(pidsDir, record.component), `${JSON.stringify(record, null, 2)}\n`)
}

export function removePidRecord(pidsDir: string, component: Component): void {
  rmSync(recordFile(pidsDir, component), { force: true })
}

/** The record's process is alive and is still the server we started (not a stranger with a reused pid). */
export function isRecordedProcessRunning(record: PidRecord): boolean {
  if (!isAlive(record.pid)) return false
  const cmdline = commandLine(record.pid)
  // Without /proc (not Linux) the pid check is the best we have.
  return cmdline === undefined || cmdline.includes(record.marker)
}
