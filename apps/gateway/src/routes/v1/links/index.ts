import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { SubmitLinksBody, SubmitLinksResponse } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { GatewayError } from '../../../errors.js'
import { errorResponses } from '../../../schemas/errors.js'
import { ForceBudget } from '../../../services/force-budget.js'
import { submitLinks } from '../../../services/intake.js'

export default async function linkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const forceBudget = new ForceBudget(app.config.forcePerMin)
  app.post(
    '/v1/links',
    {
      schema: {
        tags: ['links'],
        summary: 'Submit 1–100 VOD links',
        description:
          'Each link is answered on its own: accepted (with its job) or rejected (with the reason). The answer ' +
          'comes after Kafka acknowledged every accepted link. A video that already has a job returns that job ' +
          '(`created: false`) and is not processed again, unless `force` is true. Forced links are limited per ' +
          'client (`VODSCOPE_GATEWAY_FORCE_PER_MIN`, default 10 a minute): each one starts the whole pipeline again.',
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
            'RATE_LIMITED',
            'BROKER_UNAVAILABLE',
          ),
        },
      },
    },
    async (request, reply) => {
      if (request.body.force === true && !forceBudget.take(request.ip, request.body.links.length)) {
        reply.header('retry-after', String(forceBudget.retryAfterSec()))
        throw new GatewayError(
          'RATE_LIMITED',
          `More than ${app.config.forcePerMin} links with force: true per minute; retry later.`,
        )
      }
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
