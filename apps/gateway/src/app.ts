import { deprecationWarning } from '@vodscope/infra'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import type { GatewayConfig } from './config.js'
import authPlugin from './plugins/app/auth.js'
import { errorHandler, notFoundHandler } from './plugins/app/error-handler.js'
import hostCheckPlugin from './plugins/app/host-check.js'
import httpMetricsPlugin from './plugins/app/http-metrics.js'
import jobLogContextPlugin from './plugins/app/job-log-context.js'
import servicesPlugin from './plugins/app/services.js'
import rateLimitPlugin from './plugins/external/rate-limit.js'
import swaggerPlugin from './plugins/external/swagger.js'
import dashboardRoutes from './routes/dashboard.js'
import healthRoutes from './routes/health.js'
import metricsRoutes from './routes/metrics.js'
import jobEventRoutes from './routes/v1/jobs/events.js'
import jobRoutes from './routes/v1/jobs/index.js'
import linkRoutes from './routes/v1/links/index.js'
import opsRoutes from './routes/v1/ops/index.js'
import videoRoutes from './routes/v1/videos/index.js'
import timelineRoutes from './routes/v1/videos/timeline.js'
import type { ServiceOverrides } from './services/create-services.js'

export interface AppOptions {
  config: GatewayConfig
  /** Fakes or alternatives for the real services (tests, the benchmark's baseline). */
  services?: ServiceOverrides
}

/** The Fastify options the app depends on; the server and the tests both build Fastify with these. */
export function serverOptions(config: GatewayConfig): FastifyServerOptions {
  return {
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    ajv: {
      // Closed schemas must reject unknown fields, not strip them (Fastify's default), and a string
      // "true" is not a boolean: what a client sends is what gets validated.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false },
    },
  }
}

/**
 * The gateway as a plugin (fastify/demo's shape): external plugins, then the services, then routes.
 * Register it with fastify-plugin so its hooks and decorators apply to the whole instance.
 */
export default async function app(fastify: FastifyInstance, opts: AppOptions) {
  const { config } = opts
  const deprecated = deprecationWarning(config.deprecatedVariables)
  if (deprecated !== undefined) fastify.log.warn(deprecated)
  await fastify.register(rateLimitPlugin, { perSec: config.rateLimitPerSec })
  await fastify.register(swaggerPlugin)

  await fastify.register(servicesPlugin, { config, services: opts.services })
  await fastify.register(hostCheckPlugin, { bindHost: config.host, allowedHosts: config.allowedHosts })
  await fastify.register(authPlugin, { apiKeys: config.apiKeys, bindHost: config.host })
  await fastify.register(httpMetricsPlugin)
  await fastify.register(jobLogContextPlugin)
  fastify.setErrorHandler(errorHandler)
  fastify.setNotFoundHandler(notFoundHandler)

  await fastify.register(linkRoutes)
  await fastify.register(jobRoutes)
  await fastify.register(jobEventRoutes)
  await fastify.register(videoRoutes)
  await fastify.register(healthRoutes)
  await fastify.register(metricsRoutes)
  await fastify.register(timelineRoutes)
  await fastify.register(opsRoutes)
  await fastify.register(dashboardRoutes)
}
