import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { kafkaLog4jProperties, kafkaServerProperties } from './kafka-properties.js'
import { KAFKA_VERSION, type StackLayout } from './layout.js'
import { ensureMavenJars, type MavenArtifact } from './maven-jars.js'
import { isAlive, spawnDetached } from './processes.js'
import { runToLog, tail } from './run-to-log.js'
import type { StackConfig } from './stack-config.js'
import { requireTools } from './tools.js'
import { waitUntil } from './wait-until.js'

/** Core declares its logging backend compile-only: without reload4j the broker logs nothing. */
export const KAFKA_DEPENDENCIES = [
  { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: KAFKA_VERSION },
  { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' },
  { groupId: 'ch.qos.reload4j', artifactId: 'reload4j', version: '1.2.25' },
] as const satisfies readonly MavenArtifact[]

const JVM_OPTIONS = [
  // The JVM default heap is a quarter of RAM; a development broker needs far less.
  '-Xms512m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-Djava.awt.headless=true',
] as const

const STARTED_LINE = 'Kafka Server started'
const FORMAT_TIMEOUT_MS = 60_000 // one minute: a cold JVM on a busy machine

export function ensureKafkaJars(layout: StackLayout): Promise<boolean> {
  return ensureMavenJars({
    projectId: 'vodscope-kafka',
    dependencies: KAFKA_DEPENDENCIES,
    pomFile: layout.cache.kafkaPom,
    libsDir: layout.cache.kafkaLibs,
    logFile: join(layout.cache.logsDir, 'kafka-jars.log'),
  })
}

/** Writes the configuration and formats the storage folder the first time this stack starts. */
export async function prepareKafka(config: StackConfig, layout: StackLayout): Promise<void> {
  requireTools(['java'])
  const { kafka } = layout
  mkdirSync(dirname(kafka.serverProperties), { recursive: true })
  mkdirSync(dirname(kafka.log), { recursive: true })
  writeFileSync(
    kafka.serverProperties,
    kafkaServerProperties({
      kafkaPort: config.kafkaPort,
      controllerPort: config.controllerPort,
      dataDir: kafka.dataDir,
    }),
  )
  writeFileSync(kafka.log4jProperties, kafkaLog4jProperties(kafka.log))
  if (existsSync(join(kafka.dataDir, 'meta.properties'))) return
  await runToLog(
    'java',
    [
      log4jOption(layout),
      ...classpath(layout),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId(kafka.clusterIdFile),
      '-c',
      kafka.serverProperties,
      '--ignore-formatted',
    ],
    kafka.stdout,
    { timeoutMs: FORMAT_TIMEOUT_MS },
  )
}

export interface StartedKafka {
  pid: number
  /** Where the log ended before this start, so an older "started" line is not mistaken for ours. */
  logOffset: number
}

export function startKafka(layout: StackLayout): StartedKafka {
  const logOffset = existsSync(layout.kafka.log) ? statSync(layout.kafka.log).size : 0
  const { pid } = spawnDetached(
    'java',
    [...JVM_OPTIONS, log4jOption(layout), ...classpath(layout), 'kafka.Kafka', layout.kafka.serverProperties],
    layout.kafka.stdout,
  )
  return { pid, logOffset }
}

/** Waits for the broker's own "started" line; a crash ends the wait at once with the log's last lines. */
export async function waitForKafkaStarted(
  started: StartedKafka,
  layout: StackLayout,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const { log, stdout } = layout.kafka
  await waitUntil(
    async () => {
      if (logContains(log, started.logOffset, STARTED_LINE)) return true
      if (!isAlive(started.pid)) {
        throw new Error(
          `Kafka exited during start-up; see ${log} and ${stdout}\n${tail(stdout)}\n${tail(log)}`,
        )
      }
      return undefined
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 250,
      timeoutMessage: `Kafka did not log "${STARTED_LINE}"; see ${log} and ${stdout}`,
      signal: options.signal,
    },
  )
}

function log4jOption(layout: StackLayout): string {
  return `-Dlog4j.configuration=file:${layout.kafka.log4jProperties}`
}

function classpath(layout: StackLayout): string[] {
  // The JVM expands `dir/*` itself, so no shell is involved.
  return ['-cp', `${layout.cache.kafkaLibs}/*`]
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64; it rejects ids that start with "-". */
function clusterId(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  let id: string
  do id = randomBytes(16).toString('base64url')
  while (id.startsWith('-'))
  writeFileSync(file, `${id}\n`)
  return id
}

function logContains(file: string, offset: number, text: string): boolean {
  if (!existsSync(file)) return false
  const size = statSync(file).size
  // A smaller file than before means log4j rolled it: the new file is all ours.
  const from = size < offset ? 0 : offset
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(size - from)
    readSync(fd, buffer, 0, buffer.length, from)
    return buffer.toString('utf8').includes(text)
  } finally {
    closeSync(fd)
  }
}
