import { pathToFileURL } from 'node:url'
import { ConfigError } from '@vodscope/infra'
import closeWithGrace from 'close-with-grace'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import app, { serverOptions } from './app.js'
import { type GatewayConfig, loadGatewayConfig } from './config.js'
import type { ServiceOverrides } from './services/create-services.js'

const CLOSE_GRACE_MS = 10_000 // ten seconds for in-flight requests and produces on SIGTERM

/** Builds the gateway, closes it gracefully on signals, and listens. */
export async function startServer(
  config: GatewayConfig,
  services?: ServiceOverrides,
): Promise<FastifyInstance> {
  const server = Fastify(serverOptions(config))
  await server.register(fp(app), { config, services })

  closeWithGrace({ delay: CLOSE_GRACE_MS }, async ({ err, signal }) => {
    if (err !== undefined) server.log.error({ err }, 'closing after an uncaught error')
    else server.log.info({ signal }, 'closing')
    await server.close()
  })

  await server.listen({ host: config.host, port: config.port })
  return server
}

async function main(): Promise<void> {
  let config: GatewayConfig
  try {
    config = loadGatewayConfig(process.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`gateway: invalid configuration: ${error.message}`)
    process.exit(1)
  }
  await startServer(config)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
