import { describe, expect, it } from 'vitest'
import { formatLogLine } from '../src/log-lines.js'
import { Supervisor } from '../src/supervisor.js'

const node = (name: string, code: string) => ({
  name,
  command: process.execPath,
  args: ['-e', code],
  env: process.env,
  cwd: process.cwd(),
})

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('Supervisor', () => {
  it('restarts a process that exits on its own, with its output prefixed', async () => {
    const lines: string[] = []
    const supervisor = new Supervisor({ write: (l) => lines.push(l), restartBaseMs: 10 })
    supervisor.start(node('crashy#1', 'console.log("hello"); process.exit(3)'))
    await until(() => lines.filter((l) => l.includes('hello')).length >= 2)
    await supervisor.stop()
    expect(lines.some((l) => l.startsWith('crashy#1') && l.includes('exited (code 3)'))).toBe(true)
  })

  it('stops a process gracefully with SIGTERM and does not restart it', async () => {
    const lines: string[] = []
    const supervisor = new Supervisor({ write: (l) => lines.push(l) })
    supervisor.start(
      node(
        'graceful#1',
        'process.on("SIGTERM", () => { console.log("bye"); process.exit(0) }); setInterval(() => {}, 1000); console.log("up")',
      ),
    )
    await until(() => lines.some((l) => l.includes('up')))
    await supervisor.stop()
    await until(() => lines.some((l) => l.includes('bye')))
    expect(supervisor.running()).toEqual([])
    expect(lines.some((l) => l.includes('restarting'))).toBe(false)
  })

  it('reports each process with the pid of its current child, a new one after a crash', async () => {
    const lines: string[] = []
    const supervisor = new Supervisor({ write: (l) => lines.push(l), restartBaseMs: 10 })
    supervisor.start(node('worker#1', 'setInterval(() => {}, 1000); console.log("up")'))
    await until(() => lines.some((l) => l.includes('up')))
    const [first] = supervisor.processes()
    expect(first?.name).toBe('worker#1')
    expect(first?.pid).toBeGreaterThan(0)
    expect(supervisor.signal('worker#1', 'SIGKILL')).toBe(true)
    await until(() => lines.filter((l) => l.includes('up')).length >= 2)
    const [second] = supervisor.processes()
    await supervisor.stop()
    expect(second?.pid).toBeGreaterThan(0)
    expect(second?.pid).not.toBe(first?.pid)
    expect(supervisor.processes()[0]?.pid).toBeUndefined()
  })

  it('kills a process that ignores SIGTERM after the deadline', async () => {
    const lines: string[] = []
    const supervisor = new Supervisor({ write: (l) => lines.push(l), stopDeadlineMs: 200 })
    supervisor.start(
      node(
        'stubborn#1',
        'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); console.log("ignoring")',
      ),
    )
    await until(() => lines.some((l) => l.includes('ignoring')))
    const started = Date.now()
    await supervisor.stop()
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(supervisor.running()).toEqual([])
  })
})

describe('formatLogLine', () => {
  it('shows level, message and job fields of a JSON log line', () => {
    const line = JSON.stringify({ level: 50, time: 0, msg: 'failed', jobId: 'j1', videoKey: 'twitch:1' })
    expect(formatLogLine('extractor#1', line)).toMatch(
      /^extractor#1\s+00:00:00.000 ERROR failed jobId=j1 videoKey=twitch:1$/,
    )
  })

  it('passes other lines through unchanged', () => {
    expect(formatLogLine('sim', 'plain text {')).toBe(`${'sim'.padEnd(18)} plain text {`)
  })
})
