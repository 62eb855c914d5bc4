import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { JobParams, JobView } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { GatewayError } from '../errors.js'
import { errorResponses } from '../schemas/errors.js'
import { toJobView } from '../views/job-view.js'

export default async function jobRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
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
