import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { HighlightsResponse, parseVideoKey, type VideoKey, VideoParams, VideoView } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { GatewayError } from '../../../errors.js'
import { errorResponses } from '../../../schemas/errors.js'
import { EXPORT_FORMATS, type ExportFormat, exportHighlights } from '../../../views/highlight-exports.js'
import { toHighlights, toVideoView } from '../../../views/video-view.js'

const HighlightsQuery = Type.Object(
  {
    // One `enum` (not a union of literals) so a wrong value gets one error listing the formats.
    format: Type.Optional(
      Type.Unsafe<'json' | ExportFormat>({ type: 'string', enum: ['json', ...EXPORT_FORMATS] }),
    ),
  },
  { additionalProperties: false },
)
const text = (description: string) => ({ description, schema: Type.String() })

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
        description:
          '`format`: `json` (default), `csv` (one row per highlight, RFC 4180), `chapters` (YouTube ' +
          'description chapters, first at 0:00), `edl` (CMX3600, for DaVinci Resolve or Premiere), `ffmpeg` ' +
          '(a sh script that cuts each highlight from a local file). Non-JSON formats come as attachments.',
        security: [{ apiKey: [] }],
        params: VideoParams,
        querystring: HighlightsQuery,
        response: {
          200: {
            description: 'The highlights in the requested format.',
            content: {
              'application/json': { schema: HighlightsResponse },
              'text/csv': text('format=csv'),
              'text/plain': text('format=chapters or format=edl'),
              'text/x-shellscript': text('format=ffmpeg'),
            },
          },
          ...errorResponses('VALIDATION_FAILED', 'VIDEO_NOT_FOUND', 'DATABASE_UNAVAILABLE'),
        },
      },
    },
    async (request, reply) => {
      const { video, highlights } = await findVideo(request.params.videoKey)
      const ranked = toHighlights(video, highlights?.highlights ?? [])
      const format = request.query.format ?? 'json'
      if (format === 'json') return { videoKey: video._id, highlights: ranked }
      const file = exportHighlights(
        format,
        { videoKey: video._id, title: video.title, durationSec: video.durationSec },
        ranked,
      )
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body)
    },
  )
}
