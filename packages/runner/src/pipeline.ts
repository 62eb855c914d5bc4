import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { allTopics } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig } from '@vodscope/infra'
import { provisionTopics } from '@vodscope/infra/provision'
import { type SimHandle, type SimOptionsInput, startSim } from '@vodscope/upstream-sim'
import { APPS, type AppName } from './apps.js'
import { Supervisor } from './supervisor.js'
import { simEnv } from './upstream-env.js'
import { waitForGateway } from './wait-for-gateway.js'

const root = new URL('../../../', import.meta.url).pathname

export interface PipelineOptions {
  replicas: Partial<Record<AppName, number>>
  sim?: SimOptionsInput
  /** Extra environment for every process (concurrency, limits, log level). */
  env?: NodeJS.ProcessEnv
  partitions?: number
}

export type Pipeline = Awaited<ReturnType<typeof startPipeline>>

/**
 * An isolated pipeline for tests, benchmarks and the chaos suite: the simulator in-process, and the
 * gateway and workers as real child processes on their own topics (TOPIC_PREFIX), consumer groups and
 * database, all removed by `stop()`. Process output is kept in `lines` for assertions and post-mortems.
 */
export async function startPipeline(options: PipelineOptions) {
  const id = randomUUID().slice(0, 8)
  const infra = { ...loadInfraConfig(), topicPrefix: `e2e-${id}.` }
  const admin = createKafka(infra, `e2e-${id}`).admin()
  await admin.connect()
  await provisionTopics(admin, { topics: allTopics(infra.topicPrefix), partitions: options.partitions ?? 4 })

  const sim: SimHandle = await startSim({ port: 0, logLevel: 'silent', ...options.sim })
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...simEnv(sim.url),
    TOPIC_PREFIX: infra.topicPrefix,
    MONGO_DB: `e2e_${id}`,
    VODSCOPE_GATEWAY_PORT: String(port),
    VODSCOPE_GATEWAY_HOST: '127.0.0.1',
    YTDL_NO_UPDATE: '1',
    VODSCOPE_LOG_LEVEL: 'warn',
    ...options.env,
  }
  const lines: string[] = []
  const supervisor = new Supervisor({ write: (line) => lines.push(line), stopDeadlineMs: 10_000 })
  for (const [name, count] of Object.entries(options.replicas) as Array<[AppName, number]>) {
    for (let i = 1; i <= count; i++) {
      supervisor.start({
        name: `${name}#${i}`,
        command: process.execPath,
        args: ['--conditions=source', '--import', 'tsx', APPS[name].entry],
        env,
        cwd: root,
      })
    }
  }
  const gateway = `http://127.0.0.1:${port}`
  try {
    await waitForGateway(gateway, 60_000)
  } catch (err) {
    await supervisor.stop()
    throw new Error(`${(err as Error).message}\n${lines.join('\n')}`)
  }

  return {
    gateway,
    sim,
    supervisor,
    lines,
    env,
    mongoDb: env.MONGO_DB as string,
    /** Stops every process first: dropping a database that is still written to corrupts FerretDB's files. */
    async stop() {
      await supervisor.stop()
      const mongo = await connectMongo(infra, env.MONGO_DB as string)
      await mongo.db.dropDatabase().catch(() => undefined)
      await mongo.close()
      await sim.close()
      await admin.deleteTopics({ topics: allTopics(infra.topicPrefix) }).catch(() => undefined)
      await admin.disconnect()
    },
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
