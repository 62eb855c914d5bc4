import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

export type GatewayKind = 'batched' | 'baseline'

const ENTRY: Record<GatewayKind, string> = {
  batched: fileURLToPath(new URL('../../apps/gateway/src/server.ts', import.meta.url)),
  baseline: fileURLToPath(new URL('./baseline-server.ts', import.meta.url)),
}

export interface RunningGateway {
  kind: GatewayKind
  url: string
  stop(): Promise<void>
}

/**
 * Starts a gateway in a process of its own, so the load generator (this process) never shares an
 * event loop with the server it measures.
 */
export async function startGateway(kind: GatewayKind, env: NodeJS.ProcessEnv): Promise<RunningGateway> {
  const port = await freePort()
  // BENCH_GATEWAY_NODE_ARGS: extra Node flags for the gateways only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  // (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter((a) => a !== '') ?? []
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--conditions=source', '--import', 'tsx', ENTRY[kind]],
    {
      env: {
        ...process.env,
        VODSCOPE_GATEWAY_HOST: '127.0.0.1',
        VODSCOPE_GATEWAY_PORT: String(port),
        VODSCOPE_LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  const url = `http://127.0.0.1:${port}`
  await waitReady(url, child)
  return {
    kind,
    url,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode} before it was ready`)
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) return
    await sleep(250)
  }
  child.kill('SIGTERM')
  throw new Error(`gateway at ${url} not ready within a minute`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Sum of a Prometheus counter's samples whose label text contains `match`, read from /metrics. */
export async function readCounter(url: string, name: string, match = ''): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => line.includes(match))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0)
}
