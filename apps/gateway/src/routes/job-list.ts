import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { errorResponses } from '../schemas/errors.js'
import { JOBS_LIMIT, JobsListQuery, JobsListResponse, readCount } from '../schemas/ops.js'
import { toJobView } from '../views/job-view.js'

export default async function jobListRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get(
    '/v1/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'The newest jobs, newest first',
        security: [{ apiKey: [] }],
        querystring: JobsListQuery,
        response: {
          200: JobsListResponse,
          ...errorResponses('VALIDATION_FAILED', 'DATABASE_UNAVAILABLE'),
        },
      },
    },
    async (request) => {
      const jobs = await app.jobList.recent(
        readCount(request.query.limit, JOBS_LIMIT.max, JOBS_LIMIT.fallback),
      )
      return { jobs: jobs.map(toJobView) }
    },
  )
}
