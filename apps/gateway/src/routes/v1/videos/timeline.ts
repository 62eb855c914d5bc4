import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { parseVideoKey, type VideoKey, VideoParams } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { GatewayError } from '../../../errors.js'
import { errorResponses } from '../../../schemas/errors.js'
import { TimelineResponse } from '../../../schemas/ops.js'
import { toTimeline } from '../../../services/timeline-store.js'

export default async function timelineRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get(
    '/v1/videos/:videoKey/timeline',
    {
      schema: {
        tags: ['videos'],
        summary: 'Loudness and chat rate over the VOD, per second or per bucket for long VODs (for charts)',
        security: [{ apiKey: [] }],
        params: VideoParams,
        response: {
          200: TimelineResponse,
          ...errorResponses('VALIDATION_FAILED', 'VIDEO_NOT_FOUND', 'DATABASE_UNAVAILABLE'),
        },
      },
    },
    async (request) => {
      const { videoKey } = request.params
      const series =
        parseVideoKey(videoKey) === undefined ? null : await app.timeline.findSeries(videoKey as VideoKey)
      if (series === null)
        throw new GatewayError('VIDEO_NOT_FOUND', `No video "${videoKey}" has been extracted.`)
      return toTimeline(videoKey as VideoKey, series)
    },
  )
}
