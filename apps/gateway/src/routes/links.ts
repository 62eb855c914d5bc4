import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { SubmitLinksBody, SubmitLinksResponse } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { GatewayError } from '../errors.js'
import { errorResponses } from '../schemas/errors.js'
import { submitLinks } from '../services/intake.js'

export default async function linkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.post(
    '/v1/links',
    {
      schema: {
        tags: ['links'],
        summary: 'Submit 1–100 VOD links',
        description:
          'Each link is answered on its own: accepted (with its job) or rejected (with the reason). The answer ' +
          'comes after Kafka acknowledged every accepted link. A video that already has a job returns that job ' +
          '(`created: false`) and is not processed again, unless `force` is true.',
        security: [{ apiKey: [] }],
        body: SubmitLinksBody,
        response: {
          202: SubmitLinksResponse,
          ...errorResponses(
            'VALIDATION_FAILED',
            'INVALID_JSON',
            'BODY_TOO_LARGE',
            'UNSUPPORTED_MEDIA_TYPE',
            'ALL_LINKS_REJECTED',
            'BROKER_UNAVAILABLE',
          ),
        },
      },
    },
    async (request, reply) => {
      const result = await submitLinks(request.body, {
        linkQueue: app.linkQueue,
        jobs: app.jobs,
        metrics: app.metrics,
      })
      if (result.accepted === 0) {
        throw new GatewayError('ALL_LINKS_REJECTED', 'None of the links points at a supported video.', result)
      }
      return reply.code(202).send(result)
    },
  )
}
