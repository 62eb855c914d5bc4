import { connectMongo, createKafka, ensureIndexes, type MongoHandle } from '@vodscope/infra'
import type { Kafka, Producer } from 'kafkajs'
import { collectDefaultMetrics, Registry } from 'prom-client'
import { loadProcessConfig, type ProcessConfig } from './config.js'
import { createLogger, type Logger } from './logger.js'
import { type MetricsServer, startMetricsServer } from './metrics-server.js'
import type { Worker } from './options.js'
import { createProducer } from './producer.js'

/** The clients a process shares between its workers; `runWorkers` opens and closes them. */
export interface WorkerResources {
  config: ProcessConfig
  kafka: Kafka
  /** Connected; pass it to `createWorker({ producer })` and to the job-stage helpers. */
  producer: Producer
  mongo: MongoHandle
  log: Logger
  registry: Registry
}

export interface RunWorkersOptions {
  /** The app's name: logger name and Kafka client id. */
  name: string
  build(resources: WorkerResources): Worker[] | Promise<Worker[]>
  env?: NodeJS.ProcessEnv
  /** Replaced in tests; exits the process by default. */
  exit?: (code: number) => void
}

export interface RunningWorkers {
  /** The bound metrics port, when the server is on. */
  metricsPort: number | undefined
  /** The same graceful stop a signal starts; resolves with the exit code it reported. */
  shutdown(reason: string): Promise<number>
}

const CRASH_CHECK_MS = 2_000 // how soon a consumer kafkajs gave up on takes the process down
const HARD_EXIT_GRACE_MS = 1_000 // past the shutdown budget, something hangs: exit anyway

/**
 * Runs an app's workers: config from the environment, shared clients, `/metrics` and `/healthz`,
 * and a graceful stop on SIGTERM or SIGINT within `VODSCOPE_SHUTDOWN_MS` (exit 0). A consumer that
 * crashed for good stops the process with exit 1, so the supervisor restarts it.
 */
export async function runWorkers(options: RunWorkersOptions): Promise<RunningWorkers> {
  const config = loadProcessConfig(options.env)
  const exit = options.exit ?? ((code: number) => process.exit(code))
  const log = createLogger(options.name, config.logLevel)
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const kafka = createKafka(config.infra, options.name)
  const producer = createProducer(kafka)
  await producer.connect()
  const mongo = await connectMongo(config.infra).catch(async (err: unknown) => {
    await producer.disconnect()
    throw err
  })
  const closeClients = () => Promise.allSettled([producer.disconnect(), mongo.close()])

  let workers: Worker[] = []
  let server: MetricsServer | undefined
  try {
    await ensureIndexes(mongo.db)
    workers = await options.build({ config, kafka, producer, mongo, log, registry })
    await Promise.all(workers.map((w) => w.start()))
    if (config.metricsPort > 0) {
      server = await startMetricsServer({
        port: config.metricsPort,
        host: config.metricsHost,
        registry,
        health: () => {
          const reports = workers.map((w) => w.health())
          return { ok: reports.every((r) => r.ok), workers: reports }
        },
      })
    }
  } catch (err) {
    await Promise.allSettled(workers.map((w) => w.stop({ timeoutMs: config.shutdownMs })))
    await closeClients()
    throw err
  }

  let stopping: Promise<number> | undefined
  const shutdown = (reason: string, code = 0): Promise<number> => {
    stopping ??= (async () => {
      log.info({ reason, budgetMs: config.shutdownMs }, 'shutting down')
      clearInterval(crashCheck)
      const hardExit = setTimeout(() => {
        log.error('shutdown overran its budget; exiting anyway')
        exit(1)
      }, config.shutdownMs + HARD_EXIT_GRACE_MS)
      hardExit.unref()
      await Promise.allSettled(workers.map((w) => w.stop({ timeoutMs: config.shutdownMs })))
      await server?.close().catch(() => {})
      await closeClients()
      clearTimeout(hardExit)
      log.info({ code }, 'shut down')
      for (const signal of SIGNALS) process.off(signal, onSignal)
      exit(code)
      return code
    })()
    return stopping
  }
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal)
  for (const signal of SIGNALS) process.on(signal, onSignal)
  const crashCheck = setInterval(() => {
    const crashed = workers.find((w) => w.health().state === 'crashed')
    if (crashed !== undefined) void shutdown(`worker ${crashed.name} crashed`, 1)
  }, CRASH_CHECK_MS)
  crashCheck.unref()

  log.info({ workers: workers.map((w) => w.name), metricsPort: server?.port }, 'workers running')
  return { metricsPort: server?.port, shutdown: (reason) => shutdown(reason) }
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const
