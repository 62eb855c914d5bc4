import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { GatewayError } from '../../errors.js'

/**
 * Per-client request rate limit: a one-second window per client address. Not per API key: the limit
 * runs before authentication, and a key a client can invent would let it dodge the limit. `perSec` 0
 * turns it off. Probes and metrics opt out per route (`config.rateLimit: false`).
 */
export default fp(
  async (app: FastifyInstance, opts: { perSec: number }) => {
    if (opts.perSec === 0) return
    await app.register(rateLimit, {
      max: opts.perSec,
      timeWindow: 1_000, // one second
      errorResponseBuilder: (_request, context) =>
        new GatewayError(
          'RATE_LIMITED',
          `More than ${context.max} requests per second; retry after ${context.after}.`,
        ),
    })
  },
  { name: 'rate-limit' },
)
