import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CONTENT_TYPES, originOf } from '../http-util.js'
import type { SimState } from '../state.js'
import { channelClipsPage, isChannelClipsQuery } from './clips.js'
import {
  COMMENTS_QUERY_HASH,
  commentsPage,
  type GqlResult,
  nullComments,
  transientComments,
} from './comments.js'
import { type GqlFaultKind, integrityRefusal, TOKEN_HASHES, WEB_CLIENT_ID } from './refusals.js'
import { renderMaster } from './usher.js'
import { playbackToken, signToken, tokenVodId, videoField } from './video.js'

interface GqlOperation {
  operationName?: string
  query?: string
  variables?: Record<string, unknown>
  extensions?: { persistedQuery?: { sha256Hash?: string } }
}

type OperationKind = 'video' | 'comments' | 'token' | 'clips' | 'other'

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
      const fault = gqlFault(request.simFault?.kind)
      const clientId = String(request.headers['client-id'])
      const results = parsed.operations.map((op) => withExtensions(answer(state, op, fault, clientId), op))
      return parsed.batch ? results : results[0]
    },
  )

  // `/vod/v2/:file` is what TwitchDownloader and streamlink call; `/vod/:file` (v1) still answers.
  app.get<{ Params: { file: string }; Querystring: Record<string, string | undefined> }>(
    '/vod/v2/:file',
    { config: { sim: { host: 'usher.ttvnw.net', endpoint: 'twitch.usher.v2' } } },
    async (request, reply) => usher(state, request, reply, 2),
  )
  app.get<{ Params: { file: string }; Querystring: Record<string, string | undefined> }>(
    '/vod/:file',
    { config: { sim: { host: 'usher.ttvnw.net', endpoint: 'twitch.usher' } } },
    async (request, reply) => usher(state, request, reply, 1),
  )
}

async function usher(
  state: SimState,
  request: FastifyRequest<{ Params: { file: string }; Querystring: Record<string, string | undefined> }>,
  reply: FastifyReply,
  version: 1 | 2,
) {
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
  return reply.type(CONTENT_TYPES.m3u8).send(renderMaster(originOf(request), vod, version))
}

function answer(
  state: SimState,
  op: GqlOperation,
  fault: GqlFaultKind | undefined,
  clientId: string,
): GqlResult {
  const variables = op.variables ?? {}
  switch (classify(op)) {
    case 'comments':
      if (op.extensions?.persistedQuery?.sha256Hash !== COMMENTS_QUERY_HASH) {
        return { data: null, errors: [{ message: 'PersistedQueryNotFound' }] }
      }
      // Twitch lets the web client read the first page by offset, but not the cursor pages after it.
      if (typeof variables.cursor === 'string' && clientId === WEB_CLIENT_ID) return integrityRefusal()
      if (fault === 'gql-error') return transientComments(String(variables.videoID ?? ''))
      if (fault === 'gql-null') return nullComments(String(variables.videoID ?? ''))
      return commentsPage(state, variables)
    case 'video': {
      if (fault !== undefined)
        return { data: { video: null }, errors: [{ message: 'service timeout', path: ['video'] }] }
      return { data: { video: videoField(state, videoIdOf(op)) } }
    }
    case 'clips':
      if (fault !== undefined)
        return { data: { user: null }, errors: [{ message: 'service timeout', path: ['user', 'clips'] }] }
      return channelClipsPage(state, op.query ?? '', clientId)
    case 'token': {
      // Query text always works; a persisted query only by a hash Twitch still knows.
      const hash = op.extensions?.persistedQuery?.sha256Hash
      if (
        op.query === undefined &&
        (hash === undefined || !(TOKEN_HASHES.current as readonly string[]).includes(hash))
      )
        return { data: null, errors: [{ message: 'PersistedQueryNotFound' }] }
      if (fault !== undefined)
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

function gqlFault(kind: string | undefined): GqlFaultKind | undefined {
  return kind === 'gql-error' || kind === 'gql-null' ? kind : undefined
}

function classify(op: GqlOperation): OperationKind {
  if (op.operationName === 'VideoCommentsByOffsetOrCursor') return 'comments'
  if (
    op.operationName?.startsWith('PlaybackAccessToken') === true ||
    /videoPlaybackAccessToken\s*\(/.test(op.query ?? '')
  ) {
    return 'token'
  }
  if (isChannelClipsQuery(op.query)) return 'clips'
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
    extensions: {
      ...result.extensions,
      durationMilliseconds: 12,
      operationName: op.operationName,
      requestID: 'sim',
    },
  }
}

function usherError(code: string) {
  return [{ type: 'error', error: code, error_code: code, url: '' }]
}
