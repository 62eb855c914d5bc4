import {
  ConfigError,
  type InfraConfig,
  type LogLevel,
  loadInfraConfig,
  readHost,
  readInt,
  readLogLevel,
  renamedVariables,
} from '@vodscope/infra'

/** Everything the gateway reads from the environment, once, at start-up. */
export interface GatewayConfig {
  host: string
  port: number
  /** Empty: no API key required. */
  apiKeys: string[]
  /**
   * Host header values (names, no port) accepted besides the localhost names and the bound address;
   * `*` accepts any. A page using DNS rebinding sends its own name, so it is refused.
   */
  allowedHosts: string[]
  /** Links submitted with `force: true` per client per minute: each one starts a new job. */
  forcePerMin: number
  /** Requests per second per client; 0 turns rate limiting off. */
  rateLimitPerSec: number
  bodyLimitBytes: number
  /** Longest an intake request waits for the broker's acknowledgement before answering 503. */
  produceTimeoutMs: number
  /** Most messages in one `sendBatch`; requests arriving together share one broker round trip. */
  produceMaxBatch: number
  /** How long an idle producer waits for more requests before sending; 0 sends on the next tick. */
  produceLingerMs: number
  /** Longest a read (`GET`) waits for MongoDB before answering 503. */
  dbTimeoutMs: number
  /** Longest intake waits for a MongoDB job lookup before going on without it. */
  intakeDbTimeoutMs: number
  logLevel: LogLevel
  /** Broker and database, and `topicPrefix`: the one every process reads (infra config). */
  infra: InfraConfig
  /** `OLD → NEW` for each variable read under its name from before the scheme; warned at start-up. */
  deprecatedVariables: readonly string[]
}

export const GATEWAY_DEFAULTS = {
  host: '127.0.0.1',
  port: 3000,
  rateLimitPerSec: 200, // twice the 100 req/s one client must be able to send
  forcePerMin: 10, // forced links per client per minute
  bodyLimitBytes: 262_144, // 256 KiB: 100 links of the longest accepted length fit
  produceTimeoutMs: 3_000, // three seconds
  produceMaxBatch: 1_000, // messages
  produceLingerMs: 0, // send on the next tick; later requests join while a send is in flight
  dbTimeoutMs: 1_000, // one second
  // Intake waits this long for the job lookup and for the job's insert, so a 202's job is readable at
  // once; past it the links are still accepted and the extractor records the job.
  intakeDbTimeoutMs: 500,
  logLevel: 'info',
} as const satisfies Omit<GatewayConfig, 'apiKeys' | 'allowedHosts' | 'infra' | 'deprecatedVariables'>

/**
 * The gateway's settings are `VODSCOPE_GATEWAY_*` (infra config describes the scheme); the names they
 * had before it still work, each with a warning at start-up: new name → old name.
 */
export const RENAMED_VARIABLES = {
  VODSCOPE_GATEWAY_HOST: 'HOST',
  VODSCOPE_GATEWAY_PORT: 'PORT',
  VODSCOPE_GATEWAY_API_KEYS: 'API_KEYS',
  VODSCOPE_GATEWAY_ALLOWED_HOSTS: 'ALLOWED_HOSTS',
  VODSCOPE_GATEWAY_FORCE_PER_MIN: 'FORCE_PER_MIN',
  VODSCOPE_GATEWAY_RATE_LIMIT_PER_SEC: 'RATE_LIMIT_PER_SEC',
  VODSCOPE_GATEWAY_BODY_LIMIT_BYTES: 'BODY_LIMIT_BYTES',
  VODSCOPE_GATEWAY_PRODUCE_TIMEOUT_MS: 'PRODUCE_TIMEOUT_MS',
  VODSCOPE_GATEWAY_PRODUCE_MAX_BATCH: 'PRODUCE_MAX_BATCH',
  VODSCOPE_GATEWAY_PRODUCE_LINGER_MS: 'PRODUCE_LINGER_MS',
  VODSCOPE_GATEWAY_DB_TIMEOUT_MS: 'DB_TIMEOUT_MS',
  VODSCOPE_GATEWAY_INTAKE_DB_TIMEOUT_MS: 'INTAKE_DB_TIMEOUT_MS',
  VODSCOPE_LOG_LEVEL: 'LOG_LEVEL',
} as const

type Variable = keyof typeof RENAMED_VARIABLES

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const renamed = renamedVariables(env, RENAMED_VARIABLES)
  const name = (variable: Variable) => renamed.name(variable)
  const int = (variable: Variable, fallback: number, min: number, max: number) =>
    readInt(env, name(variable), fallback, { min, max })
  const d = GATEWAY_DEFAULTS
  return {
    host: readHost(env, name('VODSCOPE_GATEWAY_HOST'), d.host),
    port: int('VODSCOPE_GATEWAY_PORT', d.port, 0, 65_535),
    apiKeys: readApiKeys(env, name('VODSCOPE_GATEWAY_API_KEYS')),
    allowedHosts: readAllowedHosts(env, name('VODSCOPE_GATEWAY_ALLOWED_HOSTS')),
    forcePerMin: int('VODSCOPE_GATEWAY_FORCE_PER_MIN', d.forcePerMin, 0, 1_000_000),
    rateLimitPerSec: int('VODSCOPE_GATEWAY_RATE_LIMIT_PER_SEC', d.rateLimitPerSec, 0, 1_000_000),
    bodyLimitBytes: int('VODSCOPE_GATEWAY_BODY_LIMIT_BYTES', d.bodyLimitBytes, 1_024, 16_777_216),
    produceTimeoutMs: int('VODSCOPE_GATEWAY_PRODUCE_TIMEOUT_MS', d.produceTimeoutMs, 100, 60_000),
    produceMaxBatch: int('VODSCOPE_GATEWAY_PRODUCE_MAX_BATCH', d.produceMaxBatch, 1, 100_000),
    produceLingerMs: int('VODSCOPE_GATEWAY_PRODUCE_LINGER_MS', d.produceLingerMs, 0, 1_000),
    dbTimeoutMs: int('VODSCOPE_GATEWAY_DB_TIMEOUT_MS', d.dbTimeoutMs, 50, 60_000),
    intakeDbTimeoutMs: int('VODSCOPE_GATEWAY_INTAKE_DB_TIMEOUT_MS', d.intakeDbTimeoutMs, 1, 60_000),
    logLevel: readLogLevel(env, d.logLevel, name('VODSCOPE_LOG_LEVEL')),
    infra: loadInfraConfig(env),
    deprecatedVariables: renamed.used,
  }
}

function readApiKeys(env: NodeJS.ProcessEnv, variable: string): string[] {
  const raw = env[variable]?.trim()
  if (!raw) return []
  const keys = raw.split(',').map((k) => k.trim())
  for (const key of keys) {
    // A short key is guessable; the length floor is the one thing worth enforcing here.
    if (key.length < 16)
      throw new ConfigError(variable, 'every key must be at least 16 characters (comma-separated)')
  }
  return keys
}

function readAllowedHosts(env: NodeJS.ProcessEnv, variable: string): string[] {
  const raw = env[variable]?.trim()
  if (!raw) return []
  const hosts = raw.split(',').map((h) => h.trim().toLowerCase())
  for (const host of hosts) {
    if (host !== '*' && !/^[a-z0-9.:[\]-]{1,253}$/.test(host))
      throw new ConfigError(variable, `"${host}" is not a host name or address (comma-separated, no port)`)
  }
  return hosts
}
