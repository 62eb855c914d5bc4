import { PassThrough } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { type JobEventV1, JobParams, type JobView } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { GatewayError } from '../../../errors.js'
import { errorResponses } from '../../../schemas/errors.js'
import { applyJobEvent } from '../../../views/job-progress.js'
import { toJobView } from '../../../views/job-view.js'

const HEARTBEAT_MS = 15_000 // fifteen seconds: under the idle timeout of common proxies

export default async function jobEventRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get(
    '/v1/jobs/:jobId/events',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Live progress of a job (Server-Sent Events)',
        description:
          'Events: `snapshot` (the job as `GET /v1/jobs/:jobId` returns it), then one `progress` per change ' +
          '(a vod.job-events.v1 message), and `end` (the final job) when every stage is done, failed or ' +
          'skipped; the stream then closes. A comment line every 15 s keeps idle connections open.',
        security: [{ apiKey: [] }],
        params: JobParams,
        response: {
          200: {
            description: 'An event stream.',
            content: { 'text/event-stream': { schema: Type.Unsafe<PassThrough>(Type.String()) } },
          },
          ...errorResponses('VALIDATION_FAILED', 'JOB_NOT_FOUND', 'DATABASE_UNAVAILABLE'),
        },
      },
    },
    async (request, reply) => {
      const { jobId } = request.params
      const stream = new PassThrough()
      let view: JobView | undefined
      let finished = false
      const early: JobEventV1[] = []
      const write = (event: string, data: unknown) => {
        if (!stream.writableEnded) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      }

      const onEvent = (event: JobEventV1) => {
        if (finished) return
        if (view === undefined) {
          early.push(event)
          return
        }
        view = applyJobEvent(view, event)
        write('progress', event)
        if (view.finished) finish()
      }
      // Subscribe before reading the snapshot, so no event falls between the two.
      const unsubscribe = app.jobEvents.subscribe(jobId, { onEvent, onClose: () => finish() })
      const heartbeat = setInterval(() => stream.writable && stream.write(': keep-alive\n\n'), HEARTBEAT_MS)
      function finish() {
        if (finished) return
        finished = true
        unsubscribe()
        clearInterval(heartbeat)
        if (view?.finished) write('end', view)
        stream.end()
      }

      let job: Awaited<ReturnType<typeof app.jobs.findById>>
      try {
        job = await app.jobs.findById(jobId)
      } catch (error) {
        finish()
        throw error
      }
      if (job === null) {
        finish()
        throw new GatewayError('JOB_NOT_FOUND', `No job has the id "${jobId}".`)
      }

      view = toJobView(job)
      write('snapshot', view)
      for (const event of early.splice(0)) onEvent(event)
      if (view.finished) finish()
      // Fastify destroys the stream when the client goes away: stop listening for its job then.
      stream.on('close', finish)
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .send(stream)
    },
  )
}
