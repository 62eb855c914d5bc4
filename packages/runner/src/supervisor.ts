import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { formatLogLine } from './log-lines.js'

export interface ProcessSpec {
  /** Shown in front of every log line, e.g. `extractor#2`. */
  name: string
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
  cwd: string
}

export interface SupervisorOptions {
  /** Where formatted log lines go. */
  write(line: string): void
  restartBaseMs?: number // first restart delay; doubles per crash in a row
  restartMaxMs?: number
  /** A process that stayed up this long is healthy again: its next crash restarts quickly. */
  healthyAfterMs?: number
  stopDeadlineMs?: number // from SIGTERM to SIGKILL
}

interface Managed {
  spec: ProcessSpec
  child: ChildProcess | undefined
  crashes: number
  startedAt: number
  timer: NodeJS.Timeout | undefined
}

/**
 * Starts child processes and keeps them running: a process that exits on its own is restarted with
 * exponential backoff (a worker that crashes on start would otherwise spin). `stop()` sends SIGTERM
 * to all, waits for the graceful stop, and SIGKILLs what is left after the deadline.
 */
export class Supervisor {
  readonly #processes = new Map<string, Managed>()
  readonly #options: Required<SupervisorOptions>
  #stopping = false

  constructor(options: SupervisorOptions) {
    this.#options = {
      restartBaseMs: 1_000, // one second
      restartMaxMs: 30_000, // thirty seconds
      healthyAfterMs: 60_000, // one minute
      stopDeadlineMs: 12_000, // above the workers' own 8 s shutdown budget
      ...options,
    }
  }

  start(spec: ProcessSpec): void {
    if (this.#processes.has(spec.name)) throw new Error(`${spec.name} is already supervised`)
    const managed: Managed = { spec, child: undefined, crashes: 0, startedAt: 0, timer: undefined }
    this.#processes.set(spec.name, managed)
    this.#spawn(managed)
  }

  /** Names of the processes running now. */
  running(): string[] {
    return [...this.#processes.values()]
      .filter((m) => m.child !== undefined && m.child.exitCode === null && m.child.signalCode === null)
      .map((m) => m.spec.name)
  }

  /** Every supervised process with the pid of its current child (undefined while it waits to restart). */
  processes(): Array<{ name: string; pid: number | undefined }> {
    return [...this.#processes.values()].map((m) => ({
      name: m.spec.name,
      pid:
        m.child !== undefined && m.child.exitCode === null && m.child.signalCode === null
          ? m.child.pid
          : undefined,
    }))
  }

  /** Sends a signal to one process (SIGKILL to simulate a crash); the supervisor restarts it. */
  signal(name: string, signal: NodeJS.Signals): boolean {
    return this.#processes.get(name)?.child?.kill(signal) ?? false
  }

  async stop(): Promise<void> {
    this.#stopping = true
    const exits = [...this.#processes.values()].map(async (managed) => {
      clearTimeout(managed.timer)
      const child = managed.child
      if (!child || child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const deadline = setTimeout(() => child.kill('SIGKILL'), this.#options.stopDeadlineMs)
      await exited
      clearTimeout(deadline)
    })
    await Promise.all(exits)
  }

  #spawn(managed: Managed): void {
    const { spec } = managed
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    managed.child = child
    managed.startedAt = Date.now()
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) =>
        this.#options.write(formatLogLine(spec.name, line)),
      )
    }
    child.on('error', (err) =>
      this.#options.write(formatLogLine(spec.name, `failed to start: ${err.message}`)),
    )
    child.on('exit', (code, signal) => {
      if (this.#stopping) return
      if (Date.now() - managed.startedAt > this.#options.healthyAfterMs) managed.crashes = 0
      managed.crashes += 1
      const delay = Math.min(
        this.#options.restartMaxMs,
        this.#options.restartBaseMs * 2 ** (managed.crashes - 1),
      )
      const how = signal ? `signal ${signal}` : `code ${code}`
      this.#options.write(formatLogLine(spec.name, `exited (${how}); restarting in ${delay} ms`))
      managed.timer = setTimeout(() => this.#spawn(managed), delay)
    })
  }
}
