import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PidRecord } from '../src/devstack/pid-records.js'
import { isAlive } from '../src/devstack/processes.js'
import { REPO_ROOT } from '../src/devstack/stack-config.js'

/**
 * Drives the real CLI on a second stack (its own ports and folder), so the shared stack on the default
 * ports is never touched.
 */
const CLI = join(REPO_ROOT, 'packages/infra/src/cli.ts')
const stackDir = mkdtempSync(join(tmpdir(), 'devstack-cycle-'))
const { KAFKA_BROKERS: _brokers, MONGO_URL: _mongo, ...inherited } = process.env
// Set before anything runs, so even a failed set-up can never make `down` reach the shared stack.
// KAFKA_BROKERS/MONGO_URL point at the shared stack under `npm test`; this stack starts its own servers.
const env: NodeJS.ProcessEnv = { ...inherited, VODSCOPE_STACK_DIR: stackDir, TOPIC_PARTITIONS: '2' }

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

function cli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', CLI, ...args],
      { cwd: REPO_ROOT, env, timeout: 150_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

const record = (component: string): PidRecord =>
  JSON.parse(readFileSync(join(stackDir, 'pids', `${component}.json`), 'utf8')) as PidRecord

beforeAll(async () => {
  env.VODSCOPE_KAFKA_PORT = String(await freePort())
  env.VODSCOPE_KAFKA_CONTROLLER_PORT = String(await freePort())
  env.VODSCOPE_MONGO_PORT = String(await freePort())
})

afterAll(async () => {
  await cli(['down'])
  rmSync(stackDir, { recursive: true, force: true })
})

describe('devstack cycle on a second stack', () => {
  it('should come up, report ready, reuse running servers, and go down', async () => {
    const up = await cli(['up'])
    expect(up.stderr).toContain('kafka: 3.9.1 started')
    expect(up.code).toBe(0)
    const kafka = record('kafka')
    const mongo = record('mongo')
    expect(isAlive(kafka.pid) && isAlive(mongo.pid)).toBe(true)

    const status = await cli(['status'])
    expect(status.code).toBe(0)
    expect(status.stdout).toMatch(/kafka:\s+ready/)
    expect(status.stdout).toMatch(/mongo:\s+ready/)

    // The default server keeps its data in the stack folder.
    const client = new MongoClient(`mongodb://127.0.0.1:${env.VODSCOPE_MONGO_PORT}`)
    try {
      await client
        .db('cycle_probe')
        .collection('probe')
        .insertMany([{ n: 1 }, { n: 2 }])
      expect(await client.db('cycle_probe').collection('probe').countDocuments()).toBe(2)
    } finally {
      await client.close()
    }
    expect(mongo.server).toBe('mongo-java-server')
    expect(existsSync(join(stackDir, 'mongo-java-server', 'data.mv.db'))).toBe(true)

    const again = await cli(['up'])
    expect(again.code).toBe(0)
    expect(again.stderr).toContain(`kafka: already running (pid ${kafka.pid})`)
    expect(again.stderr).toContain(`already running (pid ${mongo.pid})`)
    expect(again.stderr).toContain('0 created')

    const down = await cli(['down'])
    expect(down.code).toBe(0)
    expect(isAlive(kafka.pid) || isAlive(mongo.pid)).toBe(false)
    const stopped = await cli(['status'])
    expect(stopped.code).not.toBe(0)
    expect(stopped.stdout).toMatch(/kafka:\s+NOT READY/)
  })

  it('should refuse at once, naming the port, when a port is held by a process it did not start', async () => {
    // Accepts and drops connections, like an unrelated server would not speak our protocols.
    const blocker = createServer((socket) => socket.destroy())
    const port = Number(env.VODSCOPE_MONGO_PORT)
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    try {
      const up = await cli(['up'])
      expect(up.code).not.toBe(0)
      expect(up.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`)
      expect(up.stderr).toContain('VODSCOPE_MONGO_PORT')
      // Nothing was started on the way to the error.
      expect(up.stderr).not.toContain('started')
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('should run a command against the stack, pass its exit code, and stop only what it started', async () => {
    // Also the down → up half of the cycle: the stack restarts on the data the first test left.
    const check = 'process.exit(process.env.KAFKA_BROKERS && process.env.MONGO_URL ? 3 : 1)'
    const fresh = await cli(['run', '--', process.execPath, '-e', check])
    expect(fresh.code).toBe(3)
    expect(fresh.stderr).toContain('stopped what this run started: kafka')
    expect((await cli(['status'])).code).not.toBe(0)

    expect((await cli(['up'])).code).toBe(0)
    const client = new MongoClient(`mongodb://127.0.0.1:${env.VODSCOPE_MONGO_PORT}`)
    try {
      // Written before the first test's `down`: a graceful stop keeps what was acknowledged.
      expect(await client.db('cycle_probe').collection('probe').countDocuments()).toBe(2)
    } finally {
      await client.close()
    }
    const kafka = record('kafka')
    const reused = await cli(['run', '--', process.execPath, '-e', 'process.exit(0)'])
    expect(reused.code).toBe(0)
    expect(reused.stderr).not.toContain('stopped what this run started')
    expect(isAlive(kafka.pid)).toBe(true)
  })
})
