import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { isPlatform, VIDEO_ID_PATTERNS } from '@vodscope/contracts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CONTENT_TYPES } from '../http-util.js'
import type { Vod } from '../model/vod.js'
import type { SimState } from '../state.js'
import { playbackRefusal } from '../youtube/player-js.js'
import { M4A_FILE, PLAYLIST_FILE } from './paths.js'

interface MediaParams {
  platform: string
  videoId: string
  part: string
  file: string
}

const SEGMENT_FILE = /^seg(\d{5})\.aac$/

/**
 * A part's audio as HLS (`index.m3u8` + `segNNNNN.aac`) or one `.m4a` with byte ranges (ffmpeg seeks
 * in files over HTTP with Range requests). YouTube's `/videoplayback?id=…` serves the same `.m4a`.
 */
export async function mediaRoutes(app: FastifyInstance, { state }: { state: SimState }): Promise<void> {
  app.get<{ Params: MediaParams }>(
    '/media/:platform/:videoId/:part/:file',
    { config: { sim: { host: 'media', endpoint: mediaEndpoint } } },
    async (request, reply) => {
      const { file } = request.params
      const found = findPart(state, request.params.platform, request.params.videoId, request.params.part)
      if (typeof found === 'number')
        return reply.code(found).type(CONTENT_TYPES.json).send({ error: 'unavailable' })
      const { vod, partIndex } = found
      if (file === PLAYLIST_FILE)
        return reply.type(CONTENT_TYPES.m3u8).send(await state.audio.playlist(vod, partIndex))
      const segment = SEGMENT_FILE.exec(file)?.[1]
      if (segment !== undefined) {
        const data = await state.audio.segment(vod, partIndex, Number(segment))
        if (data === undefined)
          return reply.code(404).type(CONTENT_TYPES.json).send({ error: 'no such segment' })
        return reply.type(CONTENT_TYPES.aac).send(data)
      }
      if (file === M4A_FILE) return sendRange(request, reply, await state.audio.m4a(vod, partIndex))
      return reply.code(404).type(CONTENT_TYPES.json).send({ error: 'not found' })
    },
  )

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/videoplayback',
    { config: { sim: { host: 'googlevideo.com', endpoint: 'media.file' } } },
    async (request, reply) => {
      const refusal = playbackRefusal(request.query)
      if (refusal !== undefined) return reply.code(403).type(CONTENT_TYPES.json).send({ error: refusal })
      const found = findPart(state, 'youtube', request.query.id ?? '', '0')
      if (typeof found === 'number')
        return reply.code(found).type(CONTENT_TYPES.json).send({ error: 'unavailable' })
      return sendRange(request, reply, await state.audio.m4a(found.vod, 0))
    },
  )
}

function mediaEndpoint(request: FastifyRequest): string {
  const { file } = request.params as Partial<MediaParams>
  return file === PLAYLIST_FILE ? 'media.playlist' : file === M4A_FILE ? 'media.file' : 'media.segment'
}

/** The VOD and part, or the HTTP status to answer when there is none to play. */
function findPart(
  state: SimState,
  platform: string,
  videoId: string,
  part: string,
): { vod: Vod; partIndex: number } | number {
  if (!isPlatform(platform) || !VIDEO_ID_PATTERNS[platform].test(videoId) || !/^\d{1,3}$/.test(part))
    return 404
  const vod = state.vod(platform, videoId)
  const status = state.status(vod)
  if (status !== 'ok') return status === 'private' ? 403 : 404
  const partIndex = Number(part)
  return partIndex < vod.parts.length ? { vod, partIndex } : 404
}

async function sendRange(request: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply> {
  const size = (await stat(path)).size
  reply.type(CONTENT_TYPES.m4a).header('accept-ranges', 'bytes')
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '')
  if (range === null) return reply.header('content-length', size).send(createReadStream(path))
  const [, from = '', to = ''] = range
  // `bytes=-N` asks for the last N bytes.
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from)
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1)
  if (start > end || start >= size) {
    return reply.code(416).header('content-range', `bytes */${size}`).send()
  }
  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .header('content-length', end - start + 1)
    .send(createReadStream(path, { start, end }))
}
