import { spawn } from 'node:child_process'
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export interface RunToLogOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Kills the command after this long; builds and downloads have generous limits. */
  timeoutMs: number
}

/**
 * Runs a one-off command (mvn, go, the Kafka storage tool) with its output appended to a log file,
 * and returns its stdout. Failure messages point at the log rather than dumping it.
 */
export async function runToLog(
  command: string,
  args: readonly string[],
  logFile: string,
  options: RunToLogOptions,
): Promise<string> {
  mkdirSync(dirname(logFile), { recursive: true })
  const log = openSync(logFile, 'a')
  writeSync(log, `\n$ ${command} ${args.join(' ')}\n`)
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', log],
    })
    let stdout = ''
    // stdio[1] is 'pipe', so stdout exists.
    child.stdout!.setEncoding('utf8')
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk
      writeSync(log, chunk)
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject)
      child.once('close', (exitCode) => resolve(exitCode))
    }).finally(() => clearTimeout(timer))
    writeSync(log, `exit ${code ?? 'killed'}\n`)
    if (code !== 0) {
      const reason = code === null ? `was stopped after ${options.timeoutMs / 1000}s` : `exited with ${code}`
      throw new Error(`${command} ${args[0] ?? ''} ${reason}; see ${logFile}\n${tail(logFile)}`)
    }
    return stdout
  } finally {
    closeSync(log)
  }
}

/** The last lines of a log file, for error messages that should say why without opening it. */
export function tail(file: string, lines = 15): string {
  const window = 16_384 // bytes: enough for the last lines, cheap even for a large broker log
  try {
    const fd = openSync(file, 'r')
    try {
      const size = fstatSync(fd).size
      const length = Math.min(size, window)
      const buffer = Buffer.alloc(length)
      readSync(fd, buffer, 0, length, size - length)
      return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n')
    } finally {
      closeSync(fd)
    }
  } catch {
    return ''
  }
}
