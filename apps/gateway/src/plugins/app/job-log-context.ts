import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const ID = /^[A-Za-z0-9:_-]{1,64}$/ // the shapes of JobId and VideoKey; anything else is not logged as one

/**
 * Puts the `jobId` / `videoKey` of a route's path on every log line of the request (the completion
 * line included), so an operator can follow one job through the gateway's and the workers' JSON logs
 * with the same field names. Only path parameters count: the router has validated their position.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      const params = request.params as Record<string, unknown> | undefined
      const fields: Record<string, string> = {}
      for (const name of ['jobId', 'videoKey'] as const) {
        const value = params?.[name]
        if (typeof value === 'string' && ID.test(value)) fields[name] = value
      }
      if (Object.keys(fields).length === 0) return
      request.log = request.log.child(fields)
      // Fastify writes "request completed" through the reply's logger.
      reply.log = request.log
    })
  },
  { name: 'job-log-context' },
)
