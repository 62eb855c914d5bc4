import type { LogLevel } from '@vodscope/infra'
import { type Logger, pino } from 'pino'

export type { Logger } from 'pino'

/** JSON lines on stdout with ISO times: what log shippers and `docker compose logs` expect. */
export function createLogger(name: string, level: LogLevel = 'info'): Logger {
  return pino({ name, level, timestamp: pino.stdTimeFunctions.isoTime })
}
