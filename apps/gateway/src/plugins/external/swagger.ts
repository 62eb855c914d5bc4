import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { errorCatalogueMarkdown } from '../../schemas/errors.js'

/**
 * OpenAPI straight from the route schemas (the TypeBox schemas of packages/contracts, no transform):
 * the spec at `/openapi.json`, the UI at `/docs`.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'vodscope gateway',
          version: '1.0.0',
          description: [
            'Submit VOD links, follow their jobs, read metadata and ranked highlights.',
            '',
            'Every error is `{ code, message, details? }`. Codes are stable; branch on `code`, not on `message`.',
            '',
            errorCatalogueMarkdown(),
          ].join('\n'),
        },
        components: {
          securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
        },
        tags: [
          { name: 'links', description: 'Submit VOD links' },
          { name: 'jobs', description: 'Follow a job' },
          { name: 'videos', description: 'Results' },
          { name: 'ops', description: 'Health, readiness, metrics' },
        ],
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
    app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, () => app.swagger())
  },
  { name: 'swagger' },
)
