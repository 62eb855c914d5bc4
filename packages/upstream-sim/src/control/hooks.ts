import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SimState } from '../state.js'
import { latencyFor } from './faults.js'

/**
 * Every route that imitates an upstream (it has `config.sim`) is counted, delayed and possibly failed
 * here, before its handler runs. Control routes (`/__…`) have no `config.sim` and pass untouched.
 */
export function installUpstreamHooks(app: FastifyInstance, state: SimState): void {
  app.addHook('onRequest', async (request, reply) => {
    const sim = request.routeOptions.config.sim
    if (sim === undefined) return
    reply.raw.once('close', state.counters.enterHost(sim.host))
  })

  app.addHook('preHandler', async (request, reply) => {
    const sim = request.routeOptions.config.sim
    if (sim === undefined) return
    const endpoint = typeof sim.endpoint === 'function' ? sim.endpoint(request) : sim.endpoint
    reply.raw.once('close', state.counters.enterEndpoint(endpoint))

    const delay = latencyFor(endpoint, state.runtime, () => state.latencyRandom())
    if (delay > 0 && !(await pause(delay, reply))) return abandon(reply)

    const fault = state.faults.decide(endpoint, state.runtime)
    if (fault === undefined) return
    state.counters.fault(endpoint, fault.kind)
    switch (fault.kind) {
      case 'rate-limit':
        return reply
          .code(429)
          .header('retry-after', String(fault.retryAfterSec))
          .type('application/json; charset=utf-8')
          .send({ error: 'Too Many Requests', status: 429, message: 'You are being rate limited.' })
      case 'server-error':
        return reply
          .code(fault.status)
          .type('text/html; charset=utf-8')
          .send(`<html><body><h1>${fault.status} Service Unavailable</h1></body></html>`)
      case 'timeout':
        // Held longer than any client timeout; if the client is still there afterwards it gets an answer.
        if (!(await pause(state.runtime.stallMs, reply))) return abandon(reply)
        return
      case 'reset':
        abandon(reply)
        request.raw.socket.destroy()
        return
      case 'gql-error':
      case 'gql-null':
      case 'youtube-sign-in':
      case 'youtube-po-token':
        request.simFault = fault
        return
    }
  })
}

/** Waits `ms`; resolves false as soon as the client goes away, so stalls never outlive connections. */
function pause(ms: number, reply: FastifyReply): Promise<boolean> {
  if (reply.raw.destroyed || reply.raw.writableEnded) return Promise.resolve(false)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      reply.raw.off('close', onClose)
      resolve(true)
    }, ms)
    const onClose = () => {
      clearTimeout(timer)
      resolve(false)
    }
    reply.raw.once('close', onClose)
  })
}

/** The connection is gone or about to be: tell Fastify not to answer. */
function abandon(reply: FastifyReply): FastifyReply {
  reply.hijack()
  return reply
}
