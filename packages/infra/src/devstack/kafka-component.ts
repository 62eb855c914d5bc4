import { elapsed } from './elapsed.js'
import { ensureKafkaJars, prepareKafka, startKafka, waitForKafkaStarted } from './kafka-server.js'
import { KAFKA_VERSION, type StackLayout } from './layout.js'
import { isRecordedProcessRunning, readPidRecord, removePidRecord, writePidRecord } from './pid-records.js'
import { probeKafka } from './probes.js'
import { stopProcessGroup } from './processes.js'
import { type StackConfig, stackEndpoints } from './stack-config.js'
import { requireTools } from './tools.js'
import { waitUntil } from './wait-until.js'

const KAFKA_TIMEOUTS = {
  start: 120_000, // two minutes: a cold JVM on a busy two-core machine takes tens of seconds
  external: 120_000, // a compose broker may still be starting when the init step runs
  stop: 30_000, // thirty seconds for a controlled shutdown before SIGKILL
} as const

export type UpOutcome = 'external' | 'reused' | 'started'

export interface ComponentContext {
  config: StackConfig
  layout: StackLayout
  log: (line: string) => void
  signal?: AbortSignal
}

/** Brings Kafka to the point where a kafkajs admin can list topics; starts it only when needed. */
export async function upKafka({ config, layout, log, signal }: ComponentContext): Promise<UpOutcome> {
  const { kafkaBrokers } = stackEndpoints(config)
  const { log: logFile } = layout.kafka
  if (config.externalKafka) {
    log(`kafka: using KAFKA_BROKERS=${kafkaBrokers.join(',')}`)
    await waitForClients(
      kafkaBrokers,
      KAFKA_TIMEOUTS.external,
      `Kafka at KAFKA_BROKERS does not answer`,
      signal,
    )
    return 'external'
  }
  const record = readPidRecord(layout.pidsDir, 'kafka')
  if (record && isRecordedProcessRunning(record)) {
    if (record.port !== config.kafkaPort) {
      throw new Error(
        `this stack (${config.stackDir}) already runs Kafka on port ${record.port}, not ${config.kafkaPort}; run \`down\` first`,
      )
    }
    log(`kafka: already running (pid ${record.pid})`)
    // It may still be starting, from an `up` running elsewhere.
    await waitForClients(
      kafkaBrokers,
      KAFKA_TIMEOUTS.start,
      `Kafka (pid ${record.pid}) does not answer; see ${logFile}`,
      signal,
    )
    return 'reused'
  }
  if (record) removePidRecord(layout.pidsDir, 'kafka')

  requireTools(['java'])
  const fetchStarted = Date.now()
  if (await ensureKafkaJars(layout)) log(`kafka: fetched jars in ${elapsed(fetchStarted)}`)
  await prepareKafka(config, layout)

  const startedAt = Date.now()
  const started = startKafka(layout)
  writePidRecord(layout.pidsDir, {
    component: 'kafka',
    server: 'kafka',
    version: KAFKA_VERSION,
    pid: started.pid,
    port: config.kafkaPort,
    log: logFile,
    marker: layout.kafka.serverProperties,
    startedAt: new Date(startedAt).toISOString(),
  })
  try {
    await waitForKafkaStarted(started, layout, { timeoutMs: KAFKA_TIMEOUTS.start, signal })
    await waitForClients(
      kafkaBrokers,
      KAFKA_TIMEOUTS.start,
      `Kafka started but refuses clients; see ${logFile}`,
      signal,
    )
  } catch (error) {
    await downKafka(layout)
    throw error
  }
  log(
    `kafka: ${KAFKA_VERSION} started on 127.0.0.1:${config.kafkaPort} (pid ${started.pid}) in ${elapsed(startedAt)}`,
  )
  return 'started'
}

/** Stops the Kafka this stack recorded, if it still runs; returns what happened for the CLI to print. */
export async function downKafka(layout: StackLayout): Promise<string> {
  const record = readPidRecord(layout.pidsDir, 'kafka')
  if (!record) return 'not running'
  const outcome = isRecordedProcessRunning(record)
    ? await stopProcessGroup(record.pid, KAFKA_TIMEOUTS.stop)
    : 'gone'
  removePidRecord(layout.pidsDir, 'kafka')
  return `${outcome} (pid ${record.pid})`
}

function waitForClients(brokers: string[], timeoutMs: number, message: string, signal?: AbortSignal) {
  return waitUntil(async () => ((await probeKafka(brokers)) ? true : undefined), {
    timeoutMs,
    intervalMs: 500,
    timeoutMessage: message,
    signal,
  })
}
