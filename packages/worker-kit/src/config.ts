import {
  ConfigError,
  type InfraConfig,
  type LogLevel,
  loadInfraConfig,
  readHost,
  readInt,
  readLogLevel,
} from '@vodscope/infra'
import type { TSchema } from 'typebox'
import { RETRY_DEFAULTS, type RetryPolicy } from './backoff.js'
import { DEFAULT_CONCURRENCY } from './defaults.js'
import type { WorkerOptions } from './options.js'

/**
 * Configuration read once at start-up from the environment; a bad value fails fast with a message
 * naming the variable. Per-worker settings can be set for one worker of an app
 * (`VODSCOPE_CHAT_CHUNKS_CONCURRENCY`) or for all of them (`VODSCOPE_CONCURRENCY`).
 */
export interface WorkerConfig {
  group: string
  concurrency: number
  retry: RetryPolicy
}

export interface ProcessConfig {
  infra: InfraConfig
  /** Port of `/metrics` and `/healthz`; 0 turns the server off. */
  metricsPort: number
  metricsHost: string
  /** Budget of a graceful stop, from the signal to the exit. */
  shutdownMs: number
  logLevel: LogLevel
}

export const PROCESS_DEFAULTS = {
  metricsPort: 0, // off unless asked for: several workers on one machine would collide on a fixed port
  metricsHost: '0.0.0.0', // scraped from other containers under docker compose
  // Docker sends SIGKILL ten seconds after SIGTERM: finish, commit and leave the group well before.
  shutdownMs: 8_000,
  logLevel: 'info',
} as const satisfies Omit<ProcessConfig, 'infra'>

export function loadProcessConfig(env: NodeJS.ProcessEnv = process.env): ProcessConfig {
  return {
    infra: loadInfraConfig(env),
    metricsPort: readInt(env, 'VODSCOPE_METRICS_PORT', PROCESS_DEFAULTS.metricsPort, { min: 0, max: 65_535 }),
    metricsHost: readHost(env, 'VODSCOPE_METRICS_HOST', PROCESS_DEFAULTS.metricsHost),
    shutdownMs: readInt(env, 'VODSCOPE_SHUTDOWN_MS', PROCESS_DEFAULTS.shutdownMs, { min: 100, max: 600_000 }),
    logLevel: readLogLevel(env, PROCESS_DEFAULTS.logLevel),
  }
}

/**
 * A worker's group, concurrency and retry policy: the defaults given by the app's code, overridden by
 * `VODSCOPE_<NAME>_<SETTING>`, then by `VODSCOPE_<SETTING>` (NAME is the worker name in upper snake case).
 */
export function loadWorkerConfig(
  env: NodeJS.ProcessEnv,
  name: string,
  defaults: { group: string; concurrency?: number; retry?: Partial<RetryPolicy> },
): WorkerConfig {
  const prefix = `VODSCOPE_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_`
  const pick = (setting: string): string =>
    env[prefix + setting]?.trim() ? prefix + setting : `VODSCOPE_${setting}`
  const retry = { ...RETRY_DEFAULTS, ...defaults.retry }

  const groupVar = `${prefix}GROUP`
  const group = env[groupVar]?.trim() || defaults.group
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(group)) {
    throw new ConfigError(groupVar, `use 1–200 letters, digits, ".", "_" or "-", got "${group}"`)
  }
  const concurrency = readInt(env, pick('CONCURRENCY'), defaults.concurrency ?? DEFAULT_CONCURRENCY, {
    min: 1,
    max: 4_096,
  })
  const attempts = readInt(env, pick('RETRY_ATTEMPTS'), retry.attempts, { min: 1, max: 100 })
  const baseMs = readInt(env, pick('RETRY_BASE_MS'), retry.baseMs, { min: 1, max: 3_600_000 })
  const maxVar = pick('RETRY_MAX_MS')
  const maxMs = readInt(env, maxVar, retry.maxMs, { min: 1, max: 86_400_000 })
  if (maxMs < baseMs) throw new ConfigError(maxVar, `must not be below the retry base delay (${baseMs} ms)`)
  return { group, concurrency, retry: { attempts, baseMs, maxMs, jitter: retry.jitter } }
}

/**
 * What a worker runs with: the app's options over the kit's defaults and, when the worker is given an
 * environment, the environment over both (as `loadWorkerConfig` reads it).
 */
export function resolveWorkerConfig(
  options: Pick<WorkerOptions<TSchema>, 'name' | 'group' | 'concurrency' | 'retry' | 'env'>,
): WorkerConfig {
  if (options.env !== undefined) return loadWorkerConfig(options.env, options.name, options)
  return {
    group: options.group,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    retry: { ...RETRY_DEFAULTS, ...options.retry },
  }
}
