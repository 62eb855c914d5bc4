import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

const ROOT = new URL('../../', import.meta.url).pathname

/** Peak RSS the kernel recorded for a process (VmHWM), KiB; 0 once it is gone. */
export function peakRssKb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'))
    return line === undefined ? 0 : Number(line.replace(/\D+/g, ''))
  } catch {
    return 0
  }
}

function spawnTs(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

export interface CrawlerProcess {
  ready: Promise<void>
  /** VmHWM, read while the process still runs. */
  peakRssKb(): number
  stop(): Promise<void>
}

/** One chat-crawler replica: the real `apps/chat-crawler/src/main.ts` in its own process. */
export function startCrawler(env: NodeJS.ProcessEnv): CrawlerProcess {
  const child = spawnTs('apps/chat-crawler/src/main.ts', { ...env, VODSCOPE_LOG_LEVEL: 'info' })
  const pid = child.pid ?? -1
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"workers running"')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`chat crawler exited with ${code} before it ran`)))
  })
  ready.catch(() => undefined)
  return {
    ready,
    peakRssKb: () => peakRssKb(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export interface ScriptResult {
  wallMs: number
  stored: number
  peakRssKb: number
  /** download.ts only: fingerprint of what it fetched. */
  digest?: string
}

/** A one-shot bench script (baseline.ts, download.ts) in its own process; resolves with its JSON line. */
export function runScript(entry: string, env: NodeJS.ProcessEnv): Promise<ScriptResult> {
  const child = spawnTs(entry, env)
  let out = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0) return reject(new Error(`${entry} exited with ${code}: ${out}`))
      resolve(JSON.parse(line) as ScriptResult)
    })
  })
}
