import type { Platform } from '@vodscope/contracts'
import Fastify, { LogController } from 'fastify'
import { simApp } from './app.js'
import type { RuntimeConfig, RuntimeUpdate } from './control/config.js'
import type { CountersSnapshot } from './control/counters.js'
import type { SimChatMessage } from './model/chat.js'
import { buildTruth, type Truth, truthChat } from './model/truth.js'
import { resolveSimOptions, type SimOptionsInput } from './options.js'
import { SimState } from './state.js'

export interface SimHandle {
  /** e.g. `http://127.0.0.1:4010`; every upstream base URL points here. */
  url: string
  port: number
  close(): Promise<void>
  config(update?: RuntimeUpdate): RuntimeConfig
  counters(): CountersSnapshot
  resetCounters(): void
  truth(platform: Platform, videoId: string): Truth
  /** Chat messages with offset in [fromSec, toSec), in replay order. */
  chat(platform: Platform, videoId: string, fromSec?: number, toSec?: number): SimChatMessage[]
}

/** Starts the simulator and resolves once it listens. */
export async function startSim(input: SimOptionsInput = {}): Promise<SimHandle> {
  const options = resolveSimOptions(input)
  const { host, port: wantedPort, seed, logLevel, audio, ...runtime } = options
  const state = new SimState(seed, runtime, audio)
  const app = Fastify({
    logger: { level: logLevel },
    // A stalled request (timeout fault) must not keep close() waiting.
    forceCloseConnections: true,
    bodyLimit: 1024 * 1024,
    // Fastify logs two lines per request at info, which drown the runner's own lines in `npm start`:
    // one line per request at debug instead (`--log-level debug` shows them).
    logController: new LogController({ disableRequestLogging: true }),
  })
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: reply.elapsedTime },
      'request served',
    )
  })
  await app.register(simApp, { state })
  await app.listen({ host, port: wantedPort })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : wantedPort
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => app.close(),
    config: (update) => (update === undefined ? state.runtime : state.update(update)),
    counters: () => state.counters.snapshot(),
    resetCounters: () => state.counters.reset(),
    truth: (platform, videoId) => {
      const vod = state.vod(platform, videoId)
      return buildTruth(vod, state.status(vod))
    },
    chat: (platform, videoId, fromSec, toSec) => truthChat(state.vod(platform, videoId), fromSec, toSec),
  }
}
