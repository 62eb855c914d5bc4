import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { errorResponses } from '../../../schemas/errors.js'
import {
  DEAD_LETTER_LIMIT,
  DeadLettersQuery,
  DeadLettersResponse,
  GroupsResponse,
  ReplayBody,
  ReplayResponse,
  readCount,
  TopicsResponse,
} from '../../../schemas/ops.js'

/** The pipeline's Kafka side for operators: topics, consumer-group lag, dead letters and their replay. */
export default async function opsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const ops = { tags: ['ops'], security: [{ apiKey: [] }] }

  app.get(
    '/v1/ops/topics',
    {
      schema: {
        ...ops,
        summary: 'The pipeline topics with their partitions and end offsets',
        response: { 200: TopicsResponse, ...errorResponses('BROKER_UNAVAILABLE') },
      },
    },
    () => app.ops.topics(),
  )

  app.get(
    '/v1/ops/groups',
    {
      schema: {
        ...ops,
        summary: 'The pipeline consumer groups with their lag per partition (end offset − committed offset)',
        response: { 200: GroupsResponse, ...errorResponses('BROKER_UNAVAILABLE') },
      },
    },
    () => app.ops.groups(),
  )

  app.get(
    '/v1/ops/dead-letters',
    {
      schema: {
        ...ops,
        summary: 'Pending dead letters (of one group, or of every group), oldest first',
        querystring: DeadLettersQuery,
        response: {
          200: DeadLettersResponse,
          ...errorResponses('VALIDATION_FAILED', 'BROKER_UNAVAILABLE'),
        },
      },
    },
    async (request) => {
      const letters = await app.ops.deadLetters(request.query.group)
      const limit = readCount(request.query.limit, DEAD_LETTER_LIMIT.max, DEAD_LETTER_LIMIT.fallback)
      return { deadLetters: letters.slice(0, limit), total: letters.length }
    },
  )

  app.post(
    '/v1/ops/dead-letters/replay',
    {
      config: { operatorOnly: true },
      schema: {
        ...ops,
        summary: 'Move dead letters of a group back to their original topics',
        description:
          '`{ group, ids }` replays the listed dead letters, `{ group, all: true }` every pending one. ' +
          'A replayed message starts over with a fresh retry budget; ids not pending are returned in `missing`.',
        body: ReplayBody,
        response: {
          200: ReplayResponse,
          ...errorResponses(
            'VALIDATION_FAILED',
            'INVALID_JSON',
            'UNSUPPORTED_MEDIA_TYPE',
            'OPERATOR_KEY_REQUIRED',
            'BROKER_UNAVAILABLE',
          ),
        },
      },
    },
    async (request) => {
      const body = request.body
      const result = await app.ops.replay(body.group, 'all' in body ? { all: true } : { ids: body.ids })
      request.log.info({ group: body.group, replayed: result.replayedIds }, 'dead letters replayed')
      return result
    },
  )
}
