import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import type { InfraConfig } from '../config.js'
import { stackDown, stackUp } from './stack.js'
import type { StackConfig } from './stack-config.js'

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM'] as const
const WATCH_INTERVAL_MS = 3_000 // how soon a crashed server is noticed and started again

/** The shell convention: a process ended by signal N exits with 128 + N. */
const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0)

/**
 * `up`, run one command with KAFKA_BROKERS and MONGO_URL pointing at the stack, then stop what this
 * call started, so a stack that was already running stays running. Returns the command's exit code.
 * SIGINT/SIGTERM go to the command and still end in the same cleanup.
 */
export async function runWithStack(
  config: StackConfig,
  infra: InfraConfig,
  command: readonly string[],
  log: (line: string) => void,
): Promise<number> {
  const [program, ...args] = command
  if (!program) throw new Error('nothing to run: use `run -- <command...>`')

  const abort = new AbortController()
  let child: ReturnType<typeof spawn> | undefined
  let caught: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    caught ??= signal
    if (child) child.kill(signal)
    else abort.abort(new Error(`interrupted by ${signal}`))
  }
  for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal)

  try {
    const up = await stackUp(config, { infra, log, signal: abort.signal }).catch((error: unknown) => {
      // stackUp has stopped what it started; an interruption is not an error worth a stack of its own.
      if (!caught) throw error
      log(`interrupted by ${caught} while starting`)
      return undefined
    })
    if (!up) return signalExitCode(caught ?? 'SIGINT')
    try {
      if (caught) return signalExitCode(caught)
      child = spawn(program, args, {
        stdio: 'inherit',
        env: { ...process.env, KAFKA_BROKERS: up.kafkaBrokers.join(','), MONGO_URL: up.mongoUrl },
      })
      const running = child
      const watchdog = watchStack(config, infra, log)
      const code = await new Promise<number>((resolve) => {
        running.once('error', (error) => {
          log(`could not run ${program}: ${error.message}`)
          resolve(127)
        })
        running.once('exit', (exitCode, signal) => {
          resolve(exitCode ?? (signal ? signalExitCode(signal) : 1))
        })
      })
      watchdog.stop()
      return code
    } finally {
      if (up.started.length > 0) {
        const stopped = await stackDown(config, up.started)
        log(`stopped what this run started: ${up.started.map((c) => `${c} ${stopped[c]}`).join(', ')}`)
      }
    }
  } finally {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, onSignal)
  }
}

/**
 * While the command runs, brings back a server that died under it. FerretDB's pure-Go SQLite has
 * crashed under heavy concurrent test load (SIGBUS in the WAL index); one crash must not fail every
 * test that follows. `stackUp` is idempotent: it starts only what is not running.
 */
function watchStack(config: StackConfig, infra: InfraConfig, log: (line: string) => void): { stop(): void } {
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    busy = true
    const quiet: string[] = []
    stackUp(config, { infra, log: (line) => quiet.push(line) })
      .then((up) => {
        if (up.started.length > 0) log(`watchdog: ${up.started.join(', ')} had stopped and was started again`)
      })
      .catch((error: unknown) => log(`watchdog: could not restart the stack: ${(error as Error).message}`))
      .finally(() => {
        busy = false
      })
  }, WATCH_INTERVAL_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
