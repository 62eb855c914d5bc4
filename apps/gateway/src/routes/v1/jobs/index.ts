import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { JobParams, JobView } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { GatewayError } from '../../../errors.js'
import { errorResponses } from '../../../schemas/errors.js'
import { JOBS_LIMIT, JobsListQuery, JobsListResponse, readCount } from '../../../schemas/ops.js'
import { toJobView } from '../../../views/job-view.js'

/** `/v1/jobs` and `/v1/jobs/:jobId`; the live stream of a job is in events.ts. */
export default async function jobRoutes(fastify: FastifyInstance) {
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

  app.get(
    '/v1/jobs/:jobId',
    {
      schema: {
        tags: ['jobs'],
        summary: 'The state of a job: every stage with status, progress, error and times',
        security: [{ apiKey: [] }],
        params: JobParams,
        response: {
          200: JobView,
          ...errorResponses('VALIDATION_FAILED', 'JOB_NOT_FOUND', 'DATABASE_UNAVAILABLE'),
        },
      },
    },
    async (request) => {
      const job = await app.jobs.findById(request.params.jobId)
      if (job === null)
        throw new GatewayError('JOB_NOT_FOUND', `No job has the id "${request.params.jobId}".`)
      return toJobView(job)
    },
  )
}
