import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isRecordedProcessRunning, type PidRecord } from '../src/devstack/pid-records.js'
import { isAlive, spawnDetached, stopProcessGroup } from '../src/devstack/processes.js'
import { MissingToolError, requireTools } from '../src/devstack/tools.js'
import { WaitTimeoutError, waitUntil } from '../src/devstack/wait-until.js'

const dir = mkdtempSync(join(tmpdir(), 'devstack-processes-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const record = (pid: number, marker: string): PidRecord => ({
  component: 'kafka',
  server: 'kafka',
  version: 'test',
  pid,
  port: 1,
  log: '',
  marker,
  startedAt: new Date().toISOString(),
})

describe('detached processes', () => {
  it('should stop a detached process group with SIGTERM', async () => {
    const { pid } = spawnDetached('sleep', ['60'], join(dir, 'sleep.log'))
    expect(isAlive(pid)).toBe(true)
    expect(await stopProcessGroup(pid, 5_000)).toBe('stopped')
    expect(isAlive(pid)).toBe(false)
  })

  it('should SIGKILL a process that ignores SIGTERM once the grace period is over', async () => {
    const script = "trap '' TERM; while true; do sleep 0.1; done"
    const { pid } = spawnDetached('sh', ['-c', script], join(dir, 'stubborn.log'))
    await new Promise((resolve) => setTimeout(resolve, 200)) // let the shell install its trap
    expect(await stopProcessGroup(pid, 500)).toBe('killed')
    expect(isAlive(pid)).toBe(false)
  })

  it('should not mistake a stranger with a reused pid for our server', async () => {
    const { pid } = spawnDetached('sleep', ['61'], join(dir, 'marker.log'))
    try {
      expect(isRecordedProcessRunning(record(pid, 'sleep 61'))).toBe(true)
      expect(isRecordedProcessRunning(record(pid, '/no/such/stack/server.properties'))).toBe(false)
    } finally {
      await stopProcessGroup(pid, 5_000)
    }
    expect(isRecordedProcessRunning(record(pid, 'sleep 61'))).toBe(false)
  })
})

describe('requireTools', () => {
  it('should name the missing tool and how to install it', () => {
    expect(() => requireTools(['java'], '/nonexistent')).toThrow(MissingToolError)
    expect(() => requireTools(['mvn'], '/nonexistent')).toThrow(/"mvn" is not on PATH: install Maven/)
  })
})

describe('waitUntil', () => {
  it('should give up after the timeout with the message that says where to look', async () => {
    const wait = waitUntil(async () => undefined, {
      timeoutMs: 100,
      intervalMs: 20,
      timeoutMessage: 'see x.log',
    })
    await expect(wait).rejects.toBeInstanceOf(WaitTimeoutError)
    await expect(wait).rejects.toThrow(/see x\.log/)
  })
})
