import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CONTENT_TYPES, originOf } from '../http-util.js'
import type { SimState } from '../state.js'
import { COMMENTS_QUERY_HASH, commentsPage, type GqlResult, transientComments } from './comments.js'
import { renderMaster } from './usher.js'
import { playbackToken, signToken, tokenVodId, videoField } from './video.js'

interface GqlOperation {
  operationName?: string
  query?: string
  variables?: Record<string, unknown>
  extensions?: { persistedQuery?: { sha256Hash?: string } }
}

type OperationKind = 'video' | 'comments' | 'token' | 'other'

/** Twitch: GQL at `POST /gql` (one operation or a batch array) and usher's VOD playlists. */
export async function twitchRoutes(app: FastifyInstance, { state }: { state: SimState }): Promise<void> {
  app.post(
    '/gql',
    { config: { sim: { host: 'gql.twitch.tv', endpoint: gqlEndpoint } } },
    async (request, reply) => {
      reply.type(CONTENT_TYPES.json)
      if (request.headers['client-id'] === undefined) {
        return reply.code(400).send({
          error: 'Bad Request',
          status: 400,
          message: 'The "Client-ID" header is missing from the request.',
        })
      }
      const parsed = parseOperations(request.body)
      if (parsed === undefined) {
        return reply
          .code(400)
          .send({ error: 'Bad Request', status: 400, message: 'The request body is not a GraphQL request.' })
      }
      const inBandError = request.simFault?.kind === 'gql-error'
      const results = parsed.operations.map((op) => withExtensions(answer(state, op, inBandError), op))
      return parsed.batch ? results : results[0]
    },
  )

  app.get<{ Params: { file: string }; Querystring: Record<string, string | undefined> }>(
    '/vod/:file',
    { config: { sim: { host: 'usher.ttvnw.net', endpoint: 'twitch.usher' } } },
    async (request, reply) => {
      const videoId = /^(\d{1,15})\.m3u8$/.exec(request.params.file)?.[1]
      const { token, sig } = request.query
      if (videoId === undefined)
        return reply.code(404).type(CONTENT_TYPES.json).send(usherError('vod_manifest_not_found'))
      if (
        token === undefined ||
        sig === undefined ||
        sig !== signToken(state, token) ||
        tokenVodId(token) !== videoId
      ) {
        return reply.code(403).type(CONTENT_TYPES.json).send(usherError('unauthorized_entitlements'))
      }
      const vod = state.vod('twitch', videoId)
      const status = state.status(vod)
      if (status === 'deleted')
        return reply.code(404).type(CONTENT_TYPES.json).send(usherError('vod_manifest_not_found'))
      if (status === 'private')
        return reply.code(403).type(CONTENT_TYPES.json).send(usherError('vod_manifest_restricted'))
      return reply.type(CONTENT_TYPES.m3u8).send(renderMaster(originOf(request), vod))
    },
  )
}

function answer(state: SimState, op: GqlOperation, inBandError: boolean): GqlResult {
  const variables = op.variables ?? {}
  switch (classify(op)) {
    case 'comments':
      if (op.extensions?.persistedQuery?.sha256Hash !== COMMENTS_QUERY_HASH) {
        return { data: null, errors: [{ message: 'PersistedQueryNotFound' }] }
      }
      return inBandError ? transientComments(String(variables.videoID ?? '')) : commentsPage(state, variables)
    case 'video': {
      if (inBandError)
        return { data: { video: null }, errors: [{ message: 'service timeout', path: ['video'] }] }
      return { data: { video: videoField(state, videoIdOf(op)) } }
    }
    case 'token': {
      if (inBandError)
        return {
          data: { videoPlaybackAccessToken: null },
          errors: [{ message: 'service error', path: ['videoPlaybackAccessToken'] }],
        }
      return {
        data: {
          videoPlaybackAccessToken: playbackToken(state, String(variables.vodID ?? variables.id ?? '')),
        },
      }
    }
    case 'other':
      return { data: null, errors: [{ message: `unknown operation ${op.operationName ?? '(anonymous)'}` }] }
  }
}

function classify(op: GqlOperation): OperationKind {
  if (op.operationName === 'VideoCommentsByOffsetOrCursor') return 'comments'
  if (
    op.operationName?.startsWith('PlaybackAccessToken') === true ||
    /videoPlaybackAccessToken\s*\(/.test(op.query ?? '')
  ) {
    return 'token'
  }
  if (/\bvideo\s*\(\s*id\s*:/.test(op.query ?? '')) return 'video'
  return 'other'
}

/** Inline `video(id: "123")` or a variable `video(id: $id)`. */
function videoIdOf(op: GqlOperation): string {
  const match = /\bvideo\s*\(\s*id\s*:\s*(?:"([^"]*)"|\$(\w+))/.exec(op.query ?? '')
  if (match?.[1] !== undefined) return match[1]
  const variable = match?.[2]
  return variable === undefined ? '' : String(op.variables?.[variable] ?? '')
}

function gqlEndpoint(request: FastifyRequest): string {
  const first = parseOperations(request.body)?.operations[0]
  return `twitch.gql.${first === undefined ? 'other' : classify(first)}`
}

/** Clients send one operation or a batch array (answered with an array); some send JSON as text/plain. */
function parseOperations(body: unknown): { operations: GqlOperation[]; batch: boolean } | undefined {
  let value = body
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0 || !list.every((op) => typeof op === 'object' && op !== null)) return undefined
  return { operations: list as GqlOperation[], batch: Array.isArray(value) }
}

function withExtensions(
  result: GqlResult,
  op: GqlOperation,
): GqlResult & { extensions: Record<string, unknown> } {
  return {
    ...result,
    extensions: { durationMilliseconds: 12, operationName: op.operationName, requestID: 'sim' },
  }
}

function usherError(code: string) {
  return [{ type: 'error', error: code, error_code: code, url: '' }]
}
