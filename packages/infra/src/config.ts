/**
 * Connection settings every process reads once at start-up. A bad value fails fast with a message
 * that names the variable, instead of a connection error minutes later.
 */
export interface InfraConfig {
  kafkaBrokers: string[]
  mongoUrl: string
  mongoDb: string
  /** Partitions per topic when provisioning; the upper bound of useful replicas per consumer group. */
  partitions: number
  /** Prepended to every topic and consumer group name (see contracts `namespace`); empty in production. */
  topicPrefix: string
}

export const INFRA_DEFAULTS = {
  kafkaBrokers: ['127.0.0.1:9092'],
  mongoUrl: 'mongodb://127.0.0.1:27017',
  mongoDb: 'vodscope',
  partitions: 12,
  topicPrefix: '',
} as const satisfies InfraConfig

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`)
  }
}

export function loadInfraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  return {
    kafkaBrokers: readBrokers(env),
    mongoUrl: readMongoUrl(env),
    mongoDb: readName(env, 'MONGO_DB', INFRA_DEFAULTS.mongoDb),
    partitions: readInt(env, 'TOPIC_PARTITIONS', INFRA_DEFAULTS.partitions, { min: 1, max: 1000 }),
    topicPrefix: readTopicPrefix(env),
  }
}

function readBrokers(env: NodeJS.ProcessEnv): string[] {
  const raw = env.KAFKA_BROKERS?.trim()
  if (!raw) return [...INFRA_DEFAULTS.kafkaBrokers]
  const brokers = raw.split(',').map((b) => b.trim())
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(broker)) {
      throw new ConfigError(
        'KAFKA_BROKERS',
        `"${broker}" is not host:port (expected e.g. 127.0.0.1:9092,127.0.0.1:9094)`,
      )
    }
  }
  return brokers
}

function readMongoUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.MONGO_URL?.trim()
  if (!raw) return INFRA_DEFAULTS.mongoUrl
  if (!/^mongodb(\+srv)?:\/\//.test(raw)) {
    throw new ConfigError('MONGO_URL', 'must start with mongodb:// or mongodb+srv://')
  }
  return raw
}

function readTopicPrefix(env: NodeJS.ProcessEnv): string {
  const raw = env.TOPIC_PREFIX?.trim()
  if (!raw) return INFRA_DEFAULTS.topicPrefix
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(raw)) {
    throw new ConfigError('TOPIC_PREFIX', 'use up to 100 letters, digits, ".", "_" or "-"')
  }
  return raw
}

function readName(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const raw = env[variable]?.trim()
  if (!raw) return fallback
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(raw)) {
    throw new ConfigError(variable, 'use 1–63 letters, digits, "_" or "-"')
  }
  return raw
}

/** Reads an integer variable; shared by every app's config so all report errors the same way. */
export function readInt(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
  bounds: { min: number; max: number },
): number {
  const raw = env[variable]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new ConfigError(variable, `must be an integer from ${bounds.min} to ${bounds.max}, got "${raw}"`)
  }
  return value
}
