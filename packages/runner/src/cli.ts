import { parseArgs } from 'node:util'
import { APPS, type AppName, SIM_ENTRY } from './apps.js'
import { runDemo } from './demo.js'
import { parseReplicas, ReplicaSpecError } from './replicas.js'
import { type ProcessSpec, Supervisor } from './supervisor.js'
import { simEnv } from './upstream-env.js'
import { waitForGateway } from './wait-for-gateway.js'

const USAGE = `usage: npm start -- [--replicas extractor=3,chat-crawler=2] [--upstream sim|real] [--no-demo]

Starts the gateway and every worker (N replicas each) as supervised processes, plus the upstream
simulator when --upstream is sim (the default: no internet needed). With the simulator it then
submits three demo links (one per platform), waits for them and prints their highlights, unless
--no-demo. Run through \`npm start\`, which also brings up the local Kafka and FerretDB unless
KAFKA_BROKERS / MONGO_URL point elsewhere. Ctrl-C stops everything.

environment: VODSCOPE_REPLICAS (same form as --replicas), UPSTREAM (sim | real),
  VODSCOPE_SIM_PORT (4010), PORT (3000), VODSCOPE_METRICS_BASE_PORT (9400: worker i gets base+i)`

const root = new URL('../../../', import.meta.url).pathname
const log = (line: string) => process.stdout.write(`${line}\n`)

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      replicas: { type: 'string', multiple: true },
      upstream: { type: 'string' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    log(USAGE)
    process.exit(0)
  }
  const replicas = parseReplicas([process.env.VODSCOPE_REPLICAS ?? '', ...(values.replicas ?? [])])
  const upstream = values.upstream ?? process.env.UPSTREAM ?? 'sim'
  if (upstream !== 'sim' && upstream !== 'real')
    throw new ReplicaSpecError(`--upstream ${upstream}: use sim or real`)

  const supervisor = new Supervisor({ write: log })
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, YTDL_NO_UPDATE: '1' }
  const simPort = Number(process.env.VODSCOPE_SIM_PORT ?? 4010)
  if (upstream === 'sim') {
    supervisor.start(nodeProcess('upstream-sim', SIM_ENTRY, baseEnv, ['--port', String(simPort)]))
    Object.assign(baseEnv, simEnv(`http://127.0.0.1:${simPort}`))
  }

  const metricsBase = Number(process.env.VODSCOPE_METRICS_BASE_PORT ?? 9400)
  let workerIndex = 0
  for (const [name, app] of Object.entries(APPS) as Array<[AppName, (typeof APPS)[AppName]]>) {
    for (let i = 1; i <= replicas[name]; i++) {
      const env = app.scalable
        ? { ...baseEnv, VODSCOPE_METRICS_PORT: String(metricsBase + workerIndex++) }
        : baseEnv
      supervisor.start(nodeProcess(`${name}#${i}`, app.entry, env))
    }
  }

  const stop = async (signal: string) => {
    log(`runner: ${signal}, stopping ${supervisor.running().length} processes`)
    await supervisor.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))

  // The gateway's own names first, then the ones from before VODSCOPE_GATEWAY_* (still read by it).
  const env = process.env
  const host = env.VODSCOPE_GATEWAY_HOST || env.HOST || '127.0.0.1'
  const gatewayUrl = `http://${host}:${env.VODSCOPE_GATEWAY_PORT || env.PORT || 3000}`
  await waitForGateway(gatewayUrl)
  const scaled = Object.entries(replicas)
    .map(([name, n]) => `${name}×${n}`)
    .join(', ')
  log(`runner: ready — dashboard ${gatewayUrl}/  API docs ${gatewayUrl}/docs  processes: ${scaled}`)
  if (upstream === 'sim') {
    log(`runner: upstreams are simulated by http://127.0.0.1:${simPort}`)
    if (!values['no-demo']) {
      await runDemo(gatewayUrl, log)
      log(
        `runner: demo done — open ${gatewayUrl}/ to see the videos and their highlights; Ctrl-C stops everything`,
      )
    }
  }
}

function nodeProcess(name: string, entry: string, env: NodeJS.ProcessEnv, args: string[] = []): ProcessSpec {
  return {
    name,
    command: process.execPath,
    args: ['--conditions=source', '--import', 'tsx', entry, ...args],
    env,
    cwd: root,
  }
}

// The supervised children keep the process alive after main() returns; Ctrl-C ends it.
main().catch((err: unknown) => {
  process.stderr.write(`runner: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
