import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Liveness, Readiness } from '../schemas/health.js'

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const probe = { tags: ['ops'], security: [] }

  app.get(
    '/healthz',
    {
      config: { rateLimit: false, anyHost: true },
      schema: {
        ...probe,
        summary: 'The process is up (no dependency is checked)',
        response: { 200: Liveness },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      config: { rateLimit: false, anyHost: true },
      schema: {
        ...probe,
        summary:
          'Kafka (and the links topic) and MongoDB are reachable; 503 with the failing check otherwise',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const checks = await app.readiness.check()
      const ready = checks.kafka.ok && checks.mongo.ok
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks })
    },
  )
}
