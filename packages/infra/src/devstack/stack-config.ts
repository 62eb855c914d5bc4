import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, readEnum, readInt } from '../config.js'

/** The repository root, found from this file's place so the CLI works from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

export const STACK_DEFAULTS = {
  kafkaPort: 9092,
  controllerPort: 9093,
  mongoPort: 27017,
  stackDir: '.devstack/state', // relative to the repository root
  cacheDir: '.devstack/cache', // shared by every stack on the machine: jars and binaries are large
} as const

/**
 * `mongo-java-server`: H2 backend, data in the stack folder, MongoDB's single-document atomicity (the
 * default). `mongo-java-server-memory`: the same server with nothing on disk. `ferretdb`: FerretDB 1.24 on
 * SQLite, which loses concurrent updates of one document (packages/infra/README.md).
 */
export const MONGO_SERVERS = ['mongo-java-server', 'mongo-java-server-memory', 'ferretdb'] as const
export type MongoServerKind = (typeof MONGO_SERVERS)[number]

/**
 * When mongo-java-server's H2 store writes to its file. `ack`: before each write is answered (a kill -9
 * loses nothing acknowledged). `background`: MVStore's own schedule, about once a second (faster; a
 * kill -9 loses what the last second acknowledged; a graceful stop still loses nothing).
 */
export const MONGO_COMMIT_MODES = ['ack', 'background'] as const
export type MongoCommitMode = (typeof MONGO_COMMIT_MODES)[number]

/**
 * Where and how one devstack runs. Ports and the state folder are configurable so a second stack (the
 * cycle tests) can run beside the shared one; the cache is shared.
 */
export interface StackConfig {
  kafkaPort: number
  controllerPort: number
  mongoPort: number
  stackDir: string
  cacheDir: string
  /** Set when KAFKA_BROKERS names a server: the devstack then starts no Kafka of its own. */
  externalKafka: string[] | undefined
  /** Set when MONGO_URL names a server: the devstack then starts no Mongo-compatible server. */
  externalMongo: string | undefined
  /** Which Mongo-compatible server to start; FerretDB falls back to mongo-java-server if it cannot be built. */
  mongoServer: MongoServerKind
  /** mongo-java-server's H2 backend only. */
  mongoCommit: MongoCommitMode
}

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const port = (variable: string, fallback: number) =>
    readInt(env, variable, fallback, { min: 1, max: 65_535 })
  const config: StackConfig = {
    kafkaPort: port('VODSCOPE_KAFKA_PORT', STACK_DEFAULTS.kafkaPort),
    controllerPort: port('VODSCOPE_KAFKA_CONTROLLER_PORT', STACK_DEFAULTS.controllerPort),
    mongoPort: port('VODSCOPE_MONGO_PORT', STACK_DEFAULTS.mongoPort),
    stackDir: resolveDir(env.VODSCOPE_STACK_DIR, STACK_DEFAULTS.stackDir),
    cacheDir: join(REPO_ROOT, STACK_DEFAULTS.cacheDir),
    externalKafka: readList(env.KAFKA_BROKERS),
    externalMongo: env.MONGO_URL?.trim() || undefined,
    mongoServer: readEnum(env, 'VODSCOPE_MONGO_SERVER', MONGO_SERVERS, MONGO_SERVERS[0]),
    mongoCommit: readEnum(env, 'VODSCOPE_MONGO_COMMIT', MONGO_COMMIT_MODES, MONGO_COMMIT_MODES[0]),
  }
  const ports = [config.kafkaPort, config.controllerPort, config.mongoPort]
  if (new Set(ports).size !== ports.length) {
    throw new ConfigError(
      'VODSCOPE_KAFKA_PORT',
      `Kafka, its controller and Mongo need three different ports, got ${ports.join(', ')}`,
    )
  }
  return config
}

/** Client addresses of this stack: the external servers when set, else the ones the stack starts. */
export function stackEndpoints(config: StackConfig): { kafkaBrokers: string[]; mongoUrl: string } {
  return {
    kafkaBrokers: config.externalKafka ?? [`127.0.0.1:${config.kafkaPort}`],
    mongoUrl: config.externalMongo ?? `mongodb://127.0.0.1:${config.mongoPort}`,
  }
}

function resolveDir(raw: string | undefined, fallback: string): string {
  const value = raw?.trim()
  if (!value) return join(REPO_ROOT, fallback)
  return isAbsolute(value) ? value : resolve(value)
}

function readList(raw: string | undefined): string[] | undefined {
  const items = raw
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  return items?.length ? items : undefined
}
