import { VIDEO_ID_PATTERNS } from '@vodscope/contracts'
import type { FastifyInstance } from 'fastify'
import { CONTENT_TYPES, originOf } from '../http-util.js'
import type { SimState } from '../state.js'
import { chatWindow } from './chat-xml.js'
import { vodInfo } from './vod-info.js'

/** SOOP: the VOD info API (form POST) and the chat XML windows. */
export async function soopRoutes(app: FastifyInstance, { state }: { state: SimState }): Promise<void> {
  app.post<{ Body: Record<string, string | undefined> | undefined }>(
    '/station/video/a/view',
    { config: { sim: { host: 'api.m.sooplive.co.kr', endpoint: 'soop.vod-info' } } },
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
    { config: { sim: { host: 'videoimg.sooplive.co.kr', endpoint: 'soop.chat' } } },
    async (request, reply) => {
      reply.type(CONTENT_TYPES.xml)
      // rowKey = `<file_info_key>_c`, and file_info_key = `<day>_<tag>_<titleNo>_<order>`.
      const match = /^(\d{8}_[0-9A-F]{8}_(\d{1,15})_\d+)_c$/.exec(request.query.rowKey ?? '')
      const startTime = Number(request.query.startTime ?? '0')
      const empty = '<?xml version="1.0" encoding="UTF-8"?>\n<root></root>'
      if (match === null || !Number.isFinite(startTime)) return empty
      const [, partKey = '', titleNo = ''] = match
      const vod = state.vod('soop', titleNo)
      const part = vod.parts.find((p) => p.partId === partKey)
      if (part === undefined || state.status(vod) !== 'ok') return empty
      return chatWindow(vod, part, startTime)
    },
  )
}
