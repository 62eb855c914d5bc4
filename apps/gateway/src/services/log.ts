import type { BaseLogger } from 'pino'

/** The logging the services need; Fastify's logger and a plain pino logger both provide it. */
export type Log = Pick<BaseLogger, 'info' | 'warn' | 'error'>
