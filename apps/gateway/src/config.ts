import { ConfigError, type InfraConfig, loadInfraConfig, readInt } from '@vodscope/infra'

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
  /** Prepended to every topic name, so tests and benchmarks get their own topics. */
  topicPrefix: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  infra: InfraConfig
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
  topicPrefix: '',
  logLevel: 'info',
} as const satisfies Omit<GatewayConfig, 'apiKeys' | 'allowedHosts' | 'infra'>

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    host: readHost(env),
    port: readInt(env, 'PORT', GATEWAY_DEFAULTS.port, { min: 0, max: 65_535 }),
    apiKeys: readApiKeys(env),
    allowedHosts: readAllowedHosts(env),
    forcePerMin: readInt(env, 'FORCE_PER_MIN', GATEWAY_DEFAULTS.forcePerMin, { min: 0, max: 1_000_000 }),
    rateLimitPerSec: readInt(env, 'RATE_LIMIT_PER_SEC', GATEWAY_DEFAULTS.rateLimitPerSec, {
      min: 0,
      max: 1_000_000,
    }),
    bodyLimitBytes: readInt(env, 'BODY_LIMIT_BYTES', GATEWAY_DEFAULTS.bodyLimitBytes, {
      min: 1_024,
      max: 16_777_216,
    }),
    produceTimeoutMs: readInt(env, 'PRODUCE_TIMEOUT_MS', GATEWAY_DEFAULTS.produceTimeoutMs, {
      min: 100,
      max: 60_000,
    }),
    produceMaxBatch: readInt(env, 'PRODUCE_MAX_BATCH', GATEWAY_DEFAULTS.produceMaxBatch, {
      min: 1,
      max: 100_000,
    }),
    produceLingerMs: readInt(env, 'PRODUCE_LINGER_MS', GATEWAY_DEFAULTS.produceLingerMs, {
      min: 0,
      max: 1_000,
    }),
    dbTimeoutMs: readInt(env, 'DB_TIMEOUT_MS', GATEWAY_DEFAULTS.dbTimeoutMs, { min: 50, max: 60_000 }),
    intakeDbTimeoutMs: readInt(env, 'INTAKE_DB_TIMEOUT_MS', GATEWAY_DEFAULTS.intakeDbTimeoutMs, {
      min: 1,
      max: 60_000,
    }),
    topicPrefix: readTopicPrefix(env),
    logLevel: readLogLevel(env),
    infra: loadInfraConfig(env),
  }
}

function readHost(env: NodeJS.ProcessEnv): string {
  const raw = env.HOST?.trim()
  if (!raw) return GATEWAY_DEFAULTS.host
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(raw))
    throw new ConfigError('HOST', `"${raw}" is not a host name or address`)
  return raw
}

function readApiKeys(env: NodeJS.ProcessEnv): string[] {
  const raw = env.API_KEYS?.trim()
  if (!raw) return []
  const keys = raw.split(',').map((k) => k.trim())
  for (const key of keys) {
    // A short key is guessable; the length floor is the one thing worth enforcing here.
    if (key.length < 16)
      throw new ConfigError('API_KEYS', 'every key must be at least 16 characters (comma-separated)')
  }
  return keys
}

function readAllowedHosts(env: NodeJS.ProcessEnv): string[] {
  const raw = env.ALLOWED_HOSTS?.trim()
  if (!raw) return []
  const hosts = raw.split(',').map((h) => h.trim().toLowerCase())
  for (const host of hosts) {
    if (host !== '*' && !/^[a-z0-9.:[\]-]{1,253}$/.test(host))
      throw new ConfigError(
        'ALLOWED_HOSTS',
        `"${host}" is not a host name or address (comma-separated, no port)`,
      )
  }
  return hosts
}

function readTopicPrefix(env: NodeJS.ProcessEnv): string {
  const raw = env.TOPIC_PREFIX?.trim()
  if (!raw) return GATEWAY_DEFAULTS.topicPrefix
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(raw))
    throw new ConfigError('TOPIC_PREFIX', 'use letters, digits, ".", "_" or "-"')
  return raw
}

function readLogLevel(env: NodeJS.ProcessEnv): GatewayConfig['logLevel'] {
  const raw = env.LOG_LEVEL?.trim()
  if (!raw) return GATEWAY_DEFAULTS.logLevel
  const level = LOG_LEVELS.find((l) => l === raw)
  if (level === undefined) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`)
  return level
}
