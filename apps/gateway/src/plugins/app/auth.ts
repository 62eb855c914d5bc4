import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { GatewayError } from '../../errors.js'
import { isLoopback } from './host-check.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Changes the pipeline (replays dead letters): never open to anyone on the network. */
    operatorOnly?: boolean
  }
}

/**
 * Optional API key on every `/v1` route. Keys are compared as SHA-256 digests in constant time, so
 * neither the length nor the content of a key leaks through response timing.
 *
 * Whether a request needs a key is decided from the route the router matched, never from the raw
 * URL: the router decodes `%76` to `v`, so `/%761/links` reaches `/v1/links` without starting with
 * `/v1/`.
 *
 * Without keys, routes flagged `operatorOnly` still refuse when the gateway listens beyond loopback:
 * anyone who can reach it could otherwise replay dead letters.
 */
export default fp(
  async (app: FastifyInstance, opts: { apiKeys: string[]; bindHost: string }) => {
    if (opts.apiKeys.length === 0) {
      if (isLoopback(opts.bindHost)) return
      app.addHook('onRequest', async (request) => {
        if (request.routeOptions.config?.operatorOnly === true) {
          throw new GatewayError(
            'OPERATOR_KEY_REQUIRED',
            'Set VODSCOPE_GATEWAY_API_KEYS to use this endpoint while the gateway listens beyond loopback.',
          )
        }
      })
      return
    }
    const digests = opts.apiKeys.map(digest)
    app.addHook('onRequest', async (request) => {
      if (!isProtected(request)) return
      const presented = presentedKey(request)
      if (presented === undefined) throw new GatewayError('UNAUTHORIZED', 'An API key is required.')
      const candidate = digest(presented)
      if (!digests.some((d) => timingSafeEqual(d, candidate))) {
        throw new GatewayError('UNAUTHORIZED', 'The API key is not valid.')
      }
    })
  },
  { name: 'api-key-auth' },
)

/** A matched `/v1` route; unmatched requests end in a 404 that reveals nothing. */
export function isProtected(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/v1/') === true
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key']
  if (typeof header === 'string' && header !== '') return header
  const auth = request.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || undefined
  return undefined
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest()
}
