import { VIDEO_ID_PATTERNS } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { CONTENT_TYPES, originOf } from '../http-util.js'
import type { SimState } from '../state.js'
import { initialData } from './initial-data.js'
import { replayPage } from './live-chat.js'
import { IFRAME_API, PLAYER_JS, PLAYER_PATH } from './player-js.js'
import { type PlayerRefusal, playerResponse } from './player-response.js'
import { renderReplayPage, renderWatchPage } from './watch-page.js'

const INVALID_ARGUMENT = {
  error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT' },
}

const REFUSALS: Record<string, PlayerRefusal> = {
  'youtube-sign-in': 'sign-in',
  'youtube-po-token': 'po-token',
}

/**
 * YouTube: watch page, `/iframe_api` and the player base.js, the InnerTube player and next APIs
 * (what youtubei.js calls), and the live chat replay (frame and API).
 */
export async function youtubeRoutes(app: FastifyInstance, { state }: { state: SimState }): Promise<void> {
  app.get<{ Querystring: { v?: string } }>(
    '/watch',
    { config: { sim: { host: 'www.youtube.com', endpoint: 'youtube.watch' } } },
    async (request, reply) => {
      const videoId = request.query.v ?? ''
      if (!VIDEO_ID_PATTERNS.youtube.test(videoId))
        return reply.code(404).type(CONTENT_TYPES.html).send('<html><body>404</body></html>')
      const vod = state.vod('youtube', videoId)
      const status = state.status(vod)
      const page = renderWatchPage(
        vod.title,
        playerResponse(vod, status, originOf(request)),
        initialData(vod, status),
      )
      return reply.type(CONTENT_TYPES.html).send(page)
    },
  )

  app.get(
    '/iframe_api',
    { config: { sim: { host: 'www.youtube.com', endpoint: 'youtube.iframe-api' } } },
    async (_request, reply) => reply.type(CONTENT_TYPES.js).send(IFRAME_API),
  )

  app.get(
    PLAYER_PATH,
    { config: { sim: { host: 'www.youtube.com', endpoint: 'youtube.player-js' } } },
    async (_request, reply) => reply.type(CONTENT_TYPES.js).send(PLAYER_JS),
  )

  app.post<{ Body: { videoId?: unknown } | undefined }>(
    '/youtubei/v1/player',
    { config: { sim: { host: 'youtubei.googleapis.com', endpoint: 'youtube.player-api' } } },
    async (request, reply) => {
      const videoId = typeof request.body?.videoId === 'string' ? request.body.videoId : ''
      if (!VIDEO_ID_PATTERNS.youtube.test(videoId))
        return reply.code(400).type(CONTENT_TYPES.json).send(INVALID_ARGUMENT)
      const vod = state.vod('youtube', videoId)
      const refusal = REFUSALS[request.simFault?.kind ?? '']
      return reply
        .type(CONTENT_TYPES.json)
        .send(playerResponse(vod, state.status(vod), originOf(request), refusal))
    },
  )

  app.post<{ Body: { videoId?: unknown } | undefined }>(
    '/youtubei/v1/next',
    { config: { sim: { host: 'www.youtube.com', endpoint: 'youtube.next' } } },
    async (request, reply) => {
      const videoId = typeof request.body?.videoId === 'string' ? request.body.videoId : ''
      if (!VIDEO_ID_PATTERNS.youtube.test(videoId))
        return reply.code(400).type(CONTENT_TYPES.json).send(INVALID_ARGUMENT)
      const vod = state.vod('youtube', videoId)
      return reply.type(CONTENT_TYPES.json).send(initialData(vod, state.status(vod)))
    },
  )

  app.get<{ Querystring: { continuation?: string } }>(
    '/live_chat_replay',
    { config: { sim: { host: 'www.youtube.com', endpoint: 'youtube.chat-page' } } },
    async (request, reply) => {
      const page = replayPage(state, request.query.continuation ?? '', 0)
      if (!page.ok)
        return reply
          .code(404)
          .type(CONTENT_TYPES.html)
          .send('<html><body>Chat is disabled for this live stream.</body></html>')
      return reply.type(CONTENT_TYPES.html).send(renderReplayPage(page.body))
    },
  )

  app.post<{
    Body: { continuation?: unknown; currentPlayerState?: { playerOffsetMs?: unknown } } | undefined
  }>(
    '/youtubei/v1/live_chat/get_live_chat_replay',
    { config: { sim: { host: 'www.youtube.com', endpoint: 'youtube.chat-api' } } },
    async (request, reply) => {
      const token = typeof request.body?.continuation === 'string' ? request.body.continuation : ''
      const offsetMs = Number(request.body?.currentPlayerState?.playerOffsetMs ?? 0)
      const page = replayPage(state, token, Number.isFinite(offsetMs) ? offsetMs : 0)
      if (!page.ok) return reply.code(400).type(CONTENT_TYPES.json).send(INVALID_ARGUMENT)
      return reply.type(CONTENT_TYPES.json).send(page.body)
    },
  )
}
