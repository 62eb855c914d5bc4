import type { FastifyInstance } from 'fastify'
import './fastify-types.js'
import { mediaRoutes } from './audio/routes.js'
import { installUpstreamHooks } from './control/hooks.js'
import { controlRoutes } from './control/routes.js'
import { soopRoutes } from './soop/routes.js'
import type { SimState } from './state.js'
import { twitchRoutes } from './twitch/routes.js'
import { youtubeRoutes } from './youtube/routes.js'

/**
 * The simulator as a Fastify plugin: upstream behaviour hooks (counters, latency, faults), every
 * platform's routes, and the control API. `server.ts` only builds Fastify around it and listens.
 */
export async function simApp(app: FastifyInstance, { state }: { state: SimState }): Promise<void> {
  // SOOP posts forms; some GQL clients post JSON as text/plain. Neither needs a plugin.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))))
    },
  )
  installUpstreamHooks(app, state)
  await app.register(twitchRoutes, { state })
  await app.register(soopRoutes, { state })
  await app.register(youtubeRoutes, { state })
  await app.register(mediaRoutes, { state })
  await app.register(controlRoutes, { state })
}
