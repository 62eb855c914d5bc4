import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'
import { infra } from './kafka.js'

export interface Fixture {
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
  output(): string
}

/** Runs test/fixtures/<name>.ts in its own Node process; killed when the test finishes. */
export function spawnFixture(name: string, env: Record<string, string>): Fixture {
  const file = fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url))
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', file], {
    env: {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      MONGO_URL: infra.mongoUrl,
      VODSCOPE_METRICS_PORT: '0',
      VODSCOPE_LOG_LEVEL: 'info',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  )
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  return { child, exited, output: () => output }
}
