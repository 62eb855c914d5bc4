import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { HighlightsResponse, parseVideoKey, type VideoKey, VideoParams, VideoView } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { GatewayError } from '../errors.js'
import { errorResponses } from '../schemas/errors.js'
import { toHighlights, toVideoView } from '../views/video-view.js'

export default async function videoRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  /** 404 for a key that cannot exist (wrong id shape for its platform) as well as for an unknown one. */
  async function findVideo(videoKey: string) {
    const found =
      parseVideoKey(videoKey) === undefined ? null : await app.videos.findVideo(videoKey as VideoKey)
    if (found === null)
      throw new GatewayError('VIDEO_NOT_FOUND', `No video "${videoKey}" has been extracted.`)
    return found
  }

  app.get(
    '/v1/videos/:videoKey',
    {
      schema: {
        tags: ['videos'],
        summary:
          'Metadata, chat and audio summaries and ranked highlights of a video (key `platform:videoId`)',
        security: [{ apiKey: [] }],
        params: VideoParams,
        response: {
          200: VideoView,
          ...errorResponses('VALIDATION_FAILED', 'VIDEO_NOT_FOUND', 'DATABASE_UNAVAILABLE'),
        },
      },
    },
    async (request) => {
      const { video, highlights } = await findVideo(request.params.videoKey)
      return toVideoView(video, highlights?.highlights ?? [])
    },
  )

  app.get(
    '/v1/videos/:videoKey/highlights',
    {
      schema: {
        tags: ['videos'],
        summary: 'Ranked highlights of a video, each with a deep link into the VOD',
        security: [{ apiKey: [] }],
        params: VideoParams,
        response: {
          200: HighlightsResponse,
          ...errorResponses('VALIDATION_FAILED', 'VIDEO_NOT_FOUND', 'DATABASE_UNAVAILABLE'),
        },
      },
    },
    async (request) => {
      const { video, highlights } = await findVideo(request.params.videoKey)
      return { videoKey: video._id, highlights: toHighlights(video, highlights?.highlights ?? []) }
    },
  )
}
