import { readdir, readFile } from 'node:fs/promises'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { GatewayError } from '../errors.js'

/**
 * Resolved from the package root rather than next to this file, so the same path works when the
 * gateway runs from `src` (tsx) and from `dist` (tsc copies no HTML).
 */
const DASHBOARD_DIR = new URL('../../src/dashboard/', import.meta.url)

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
}

/**
 * The dashboard: three static pages and their ES modules, talking to the public `/v1` API like any
 * other client. Files are read once at start-up and served from memory; only names found in the
 * folder are served, so a request path never reaches the file system.
 */
export default async function dashboardRoutes(app: FastifyInstance) {
  const files = new Map<string, { type: string; body: Buffer }>()
  for (const name of await readdir(DASHBOARD_DIR)) {
    const type = TYPES[name.slice(name.lastIndexOf('.'))]
    if (type !== undefined) files.set(name, { type, body: await readFile(new URL(name, DASHBOARD_DIR)) })
  }
  const serve = (name: string) => {
    const file = files.get(name)
    if (file === undefined) throw new GatewayError('NOT_FOUND', `No dashboard file "${name}".`)
    return file
  }
  const hidden = { schema: { hide: true } }

  const send = (reply: FastifyReply, name: string) => {
    const file = serve(name)
    return reply.type(file.type).header('cache-control', 'no-cache').send(file.body)
  }
  app.get('/', hidden, (_, reply) => send(reply, 'index.html'))
  app.get('/videos/:videoKey', hidden, (_, reply) => send(reply, 'video.html'))
  app.get('/ops', hidden, (_, reply) => send(reply, 'ops.html'))
  app.get<{ Params: { file: string } }>('/dashboard/:file', hidden, (request, reply) =>
    send(reply, request.params.file),
  )
}
