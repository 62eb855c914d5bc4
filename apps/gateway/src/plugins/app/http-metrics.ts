import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** Request count and latency by route pattern (never the raw URL: ids would explode the label set). */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      const labels = {
        route: request.routeOptions.url ?? 'unmatched',
        method: request.method,
        status: String(reply.statusCode),
      }
      app.metrics.httpRequests.inc(labels)
      app.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000)
    })
  },
  { name: 'http-metrics', dependencies: ['gateway-services'] },
)
