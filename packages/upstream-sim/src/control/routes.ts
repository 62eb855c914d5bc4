import { isPlatform, VIDEO_ID_PATTERNS } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { buildTruth, truthChat } from '../model/truth.js'
import { WELL_KNOWN_VIDEOS } from '../model/well-known.js'
import type { SimState } from '../state.js'
import type { RuntimeUpdate } from './config.js'

interface VideoParams {
  platform: string
  videoId: string
}

/** The simulator's own API under `/__…`: ground truth, configuration, counters. Never counted or faulted. */
export async function controlRoutes(app: FastifyInstance, { state }: { state: SimState }): Promise<void> {
  app.get('/__health', async () => ({ ok: true, seed: state.seed }))

  app.get('/__well-known', async () => WELL_KNOWN_VIDEOS)

  app.get<{ Params: VideoParams }>('/__truth/:platform/:videoId', async (request, reply) => {
    const vod = findVod(state, request.params)
    if (vod === undefined) return reply.code(404).send({ error: 'not a valid platform and video id' })
    return buildTruth(vod, state.status(vod))
  })

  app.get<{ Params: VideoParams; Querystring: { fromSec?: string; toSec?: string } }>(
    '/__truth/:platform/:videoId/chat',
    async (request, reply) => {
      const vod = findVod(state, request.params)
      if (vod === undefined) return reply.code(404).send({ error: 'not a valid platform and video id' })
      const fromSec = Number(request.query.fromSec ?? 0)
      const toSec = Number(request.query.toSec ?? vod.profile.durationSec)
      return { messages: truthChat(vod, fromSec, toSec) }
    },
  )

  app.get('/__config', async () => state.runtime)

  app.post<{ Body: RuntimeUpdate }>('/__config', async (request, reply) => {
    try {
      return state.update(request.body ?? {})
    } catch (err) {
      return reply.code(400).send({ error: (err as Error).message })
    }
  })

  app.get('/__counters', async () => state.counters.snapshot())

  app.post('/__counters/reset', async () => {
    state.counters.reset()
    return state.counters.snapshot()
  })
}

function findVod(state: SimState, { platform, videoId }: VideoParams) {
  if (!isPlatform(platform) || !VIDEO_ID_PATTERNS[platform].test(videoId)) return undefined
  return state.vod(platform, videoId)
}
