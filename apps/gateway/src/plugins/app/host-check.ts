import { isIP } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { GatewayError } from '../../errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Probes answer whatever `Host` an orchestrator sends (a pod IP, a service name). */
    anyHost?: boolean
  }
}

const LOCAL_NAMES = ['localhost', '127.0.0.1', '::1']
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', ''])

/**
 * Refuses requests whose `Host` is not one the gateway serves. A page on another site that rebinds its
 * DNS name to 127.0.0.1 reaches the gateway with the browser's cookies-free fetch, but its `Host` is still
 * the page's own name: checking it is what keeps such a page from submitting or replaying.
 */
export default fp(
  async (app: FastifyInstance, opts: { bindHost: string; allowedHosts: string[] }) => {
    if (opts.allowedHosts.includes('*')) return
    const allowed = new Set([...LOCAL_NAMES, ...opts.allowedHosts.map(bare)])
    if (!WILDCARD_ADDRESSES.has(opts.bindHost)) allowed.add(bare(opts.bindHost.toLowerCase()))
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config?.anyHost === true) return
      const host = hostOf(request)
      if (host === undefined || !allowed.has(host)) {
        throw new GatewayError(
          'HOST_NOT_ALLOWED',
          'The Host header names a host this gateway does not serve (set VODSCOPE_GATEWAY_ALLOWED_HOSTS to add one).',
        )
      }
    })
  },
  { name: 'host-check' },
)

/** Whether the gateway is reachable only from this machine. */
export function isLoopback(bindHost: string): boolean {
  const host = bare(bindHost.toLowerCase())
  if (host === 'localhost' || host === '::1') return true
  return isIP(host) === 4 && host.startsWith('127.')
}

/** The Host header's name without port or IPv6 brackets, lower-cased. */
function hostOf(request: FastifyRequest): string | undefined {
  const header = request.headers.host?.trim().toLowerCase()
  if (!header) return undefined
  if (header.startsWith('[')) {
    const end = header.indexOf(']')
    return end < 0 ? undefined : header.slice(1, end)
  }
  const colon = header.indexOf(':')
  return colon < 0 ? header : header.slice(0, colon)
}

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}
