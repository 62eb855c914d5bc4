import type { FastifyInstance } from 'fastify'
import Type from 'typebox'

export default async function metricsRoutes(app: FastifyInstance) {
  app.get(
    '/metrics',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics: requests and latency by route and status, produce latency, batch sizes',
        security: [],
        response: {
          200: {
            description: 'Prometheus text format.',
            content: { 'text/plain': { schema: Type.String() } },
          },
        },
      },
    },
    async (_request, reply) => {
      const { registry } = app.metrics
      return reply.header('content-type', registry.contentType).send(await registry.metrics())
    },
  )
}
