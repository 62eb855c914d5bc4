import { ConfigError } from '@vodscope/infra'
import { type Logger, pino } from 'pino'

export type { Logger } from 'pino'

/** JSON lines on stdout with ISO times: what log shippers and `docker compose logs` expect. */
export function createLogger(name: string, level: LogLevel = 'info'): Logger {
  return pino({ name, level, timestamp: pino.stdTimeFunctions.isoTime })
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** The level named by `variable`, or `fallback` when it is unset; a ConfigError names anything else. */
export function readLogLevel(env: NodeJS.ProcessEnv, variable: string, fallback: LogLevel): LogLevel {
  const raw = env[variable]?.trim()
  if (!raw) return fallback
  const level = LOG_LEVELS.find((l) => l === raw)
  if (level === undefined)
    throw new ConfigError(variable, `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`)
  return level
}
