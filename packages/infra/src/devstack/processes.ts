import { type ChildProcess, spawn } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export interface DetachedProcess {
  pid: number
  /** The child handle while this process still holds it, so an early crash is noticed at once. */
  child: ChildProcess
}

/**
 * Starts a server that outlives this CLI: its own session and process group (so a terminal's Ctrl-C
 * reaches only what it should, and `down` can signal the whole group), output appended to a log file.
 */
export function spawnDetached(
  command: string,
  args: readonly string[],
  logFile: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): DetachedProcess {
  mkdirSync(dirname(logFile), { recursive: true })
  const log = openSync(logFile, 'a')
  writeSync(log, `\n[${new Date().toISOString()}] $ ${command} ${args.join(' ')}\n`)
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    })
    if (child.pid === undefined) throw new Error(`could not start ${command}; see ${logFile}`)
    child.unref()
    return { pid: child.pid, child }
  } finally {
    closeSync(log)
  }
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still counts as alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  return processState(pid) !== 'Z'
}

/** The command line of a running process, to tell our server from an unrelated one that reused its pid. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return undefined
  }
}

function processState(pid: number): string | undefined {
  try {
    // Format: "pid (comm) state ..."; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  } catch {
    return undefined
  }
}

/**
 * SIGTERM to the process group, then SIGKILL once `graceMs` has passed. Kafka needs a few seconds for a
 * controlled shutdown; killing it early only costs log recovery at the next start.
 */
export async function stopProcessGroup(pid: number, graceMs: number): Promise<'stopped' | 'killed' | 'gone'> {
  if (!isAlive(pid)) return 'gone'
  signalGroup(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped'
    await sleep(100)
  }
  signalGroup(pid, 'SIGKILL')
  const killDeadline = Date.now() + 5_000 // five seconds for the kernel to reap it
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(50)
  return 'killed'
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // Not a group leader (or already gone): signal the process itself.
    try {
      process.kill(pid, signal)
    } catch {
      // already gone
    }
  }
}
