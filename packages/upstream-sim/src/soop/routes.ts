import { VIDEO_ID_PATTERNS } from '@vodscope/contracts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CONTENT_TYPES, originOf } from '../http-util.js'
import type { SimState } from '../state.js'
import { chatWindow } from './chat-xml.js'
import { chatWindowSec } from './variants.js'
import { vodInfo } from './vod-info.js'

/** SOOP's hosts before 2026; they now answer 301 to the sooplive.com ones. */
export const SOOP_OLD_HOSTS = [
  'api.m.sooplive.co.kr',
  'videoimg.sooplive.co.kr',
  'api.m.afreecatv.com',
  'videoimg.afreecatv.com',
] as const
/**
 * The simulator serves every upstream on one origin, so an old host is a path prefix: point a base URL
 * at `<sim>/old-host/api.m.sooplive.co.kr` to call SOOP the way clients did before the move.
 */
export const OLD_HOST_PREFIX = '/old-host'

const SOOP_PATHS = ['/station/video/a/view', '/php/ChatLoadSplit.php'] as const

/** SOOP: the VOD info API (form POST), the chat XML windows, and the old hosts' redirects. */
export async function soopRoutes(app: FastifyInstance, { state }: { state: SimState }): Promise<void> {
  app.post<{ Body: Record<string, string | undefined> | undefined }>(
    '/station/video/a/view',
    { config: { sim: { host: 'api.m.sooplive.com', endpoint: (r) => withReferer(r, 'soop.vod-info') } } },
    async (request, reply) => {
      const titleNo = request.body?.nTitleNo ?? ''
      const vod = VIDEO_ID_PATTERNS.soop.test(titleNo) ? state.vod('soop', titleNo) : undefined
      return reply
        .type(CONTENT_TYPES.json)
        .send(vodInfo(originOf(request), vod, vod === undefined ? 'deleted' : state.status(vod)))
    },
  )

  app.get<{ Querystring: { rowKey?: string; startTime?: string } }>(
    '/php/ChatLoadSplit.php',
    { config: { sim: { host: 'videoimg.sooplive.com', endpoint: (r) => withReferer(r, 'soop.chat') } } },
    async (request, reply) => {
      reply.type(CONTENT_TYPES.xml)
      // rowKey = `<file_info_key>_c`, and file_info_key = `<day>_<tag>_<titleNo>_<order>`.
      const match = /^(\d{8}_[0-9A-F]{8}_(\d{1,15})_\d+)_c$/.exec(request.query.rowKey ?? '')
      const startTime = Number(request.query.startTime ?? '0')
      const empty = '<?xml version="1.0" encoding="UTF-8"?>\n<root><version>2</version></root>'
      if (match === null || !Number.isFinite(startTime)) return empty
      const [, partKey = '', titleNo = ''] = match
      const vod = state.vod('soop', titleNo)
      const part = vod.parts.find((p) => p.partId === partKey)
      if (part === undefined || state.status(vod) !== 'ok') return empty
      return chatWindow(vod, part, startTime, chatWindowSec(vod.videoId))
    },
  )

  // Old hosts and paths: 301 to the same path on the new host (here: this origin), with the HTML stub a
  // web server sends. A client that reads this as an answer gets "not JSON" or zero chat rows.
  for (const host of SOOP_OLD_HOSTS) {
    for (const path of SOOP_PATHS) {
      app.route({
        method: ['GET', 'POST'],
        url: `${OLD_HOST_PREFIX}/${host}${path}`,
        config: { sim: { host, endpoint: 'soop.moved' } },
        handler: async (request, reply) => {
          const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
          return reply
            .code(301)
            .header('location', `${originOf(request)}${path}${query}`)
            .type(CONTENT_TYPES.html)
            .send(
              '<html><head><title>301 Moved Permanently</title></head><body>Moved Permanently</body></html>',
            )
        },
      })
    }
  }
}

/**
 * SOOP's player sends its page as `Referer`, and so does yt-dlp. Whether SOOP refuses requests without
 * one is not documented, so the simulator does not invent a refusal: it counts them apart
 * (`soop.vod-info.no-referer`), which is what a test asserts on.
 */
function withReferer(request: FastifyRequest, endpoint: string): string {
  const referer = request.headers.referer ?? ''
  return /^https:\/\/vod\.sooplive\.com\/player\/\d+$/.test(referer) ? endpoint : `${endpoint}.no-referer`
}
