import type { FastifyRequest } from 'fastify'

/** The origin the client used to reach the simulator; URLs the simulator hands out point back at it. */
export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

export const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
  m3u8: 'application/vnd.apple.mpegurl',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
} as const
