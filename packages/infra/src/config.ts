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

/** A host name or address to listen on; `fallback` when unset. */
export function readHost(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const raw = env[variable]?.trim()
  if (!raw) return fallback
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(raw))
    throw new ConfigError(variable, `"${raw}" is not a host name or address`)
  return raw
}

/** The variable's value if it is one of `choices`; `fallback` when unset. */
export function readEnum<T extends string>(
  env: NodeJS.ProcessEnv,
  variable: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = env[variable]?.trim()
  if (!raw) return fallback
  const choice = choices.find((candidate) => candidate === raw)
  if (choice === undefined)
    throw new ConfigError(variable, `must be one of ${choices.join(', ')}, got "${raw}"`)
  return choice
}

/** pino's levels; every process reads its own from `VODSCOPE_LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export const LOG_LEVEL_VARIABLE = 'VODSCOPE_LOG_LEVEL'

export function readLogLevel(
  env: NodeJS.ProcessEnv,
  fallback: LogLevel,
  variable: string = LOG_LEVEL_VARIABLE,
): LogLevel {
  return readEnum(env, variable, LOG_LEVELS, fallback)
}

/**
 * Environment names follow one scheme: the shared infrastructure keeps its plain names (`KAFKA_BROKERS`,
 * `MONGO_URL`, `MONGO_DB`, `TOPIC_PARTITIONS`, `TOPIC_PREFIX`); every setting of a vodscope process is
 * `VODSCOPE_<AREA>_<SETTING>` (`VODSCOPE_GATEWAY_PORT`, `VODSCOPE_CHAT_ROLE`), or `VODSCOPE_<SETTING>`
 * when every process reads it (`VODSCOPE_LOG_LEVEL`). Names from before the scheme still work through
 * `renamedVariables`, which notes each one used so the process can warn once at start-up.
 */
export interface RenamedVariables {
  /** The name to read `current` under: `current` when set, else its old name when that is set. */
  name(current: string): string
  /** `OLD → NEW` for every old name that was read; empty when the environment is up to date. */
  readonly used: readonly string[]
}

export function renamedVariables(
  env: NodeJS.ProcessEnv,
  renames: Readonly<Record<string, string>>,
): RenamedVariables {
  const used: string[] = []
  return {
    used,
    name(current) {
      const old = renames[current]
      if (old === undefined || env[current]?.trim() || !env[old]?.trim()) return current
      if (!used.includes(`${old} → ${current}`)) used.push(`${old} → ${current}`)
      return old
    },
  }
}

/** The one start-up line that names the deprecated variables in use, or undefined when there are none. */
export function deprecationWarning(used: readonly string[]): string | undefined {
  if (used.length === 0) return undefined
  return `deprecated environment variables (rename them; the old names will stop working): ${used.join(', ')}`
}
