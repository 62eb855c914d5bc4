import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))

export interface ChildWorker {
  process: ChildProcess
  /** Resolves once the process logged that its workers consume. */
  ready: Promise<void>
  /** Every log line so far. */
  lines: string[]
  kill(signal: NodeJS.Signals): Promise<void>
}

/**
 * Runs the real `src/main.ts` in a process of its own, as a deployment would, so a test can SIGKILL
 * it mid-work. Its settings come from `env` alone.
 */
export function spawnWorker(env: NodeJS.ProcessEnv): ChildWorker {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: APP_DIR,
    env: { ...process.env, VODSCOPE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line === '') continue
        lines.push(line)
        if (line.includes('"workers running"')) resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code, signal) =>
      reject(new Error(`worker exited (${code ?? signal}) before it ran:\n${lines.join('\n')}`)),
    )
  })
  ready.catch(() => undefined)
  return {
    process: child,
    ready,
    lines,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      }),
  }
}
