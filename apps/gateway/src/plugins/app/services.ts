import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { GatewayConfig } from '../../config.js'
import { createMetrics, type Metrics } from '../../metrics.js'
import {
  createServices,
  type GatewayServices,
  type ServiceOverrides,
} from '../../services/create-services.js'

declare module 'fastify' {
  interface FastifyInstance extends GatewayServices {
    config: GatewayConfig
    metrics: Metrics
  }
}

/** Decorates the instance with config, metrics and every service, and closes them with the app. */
export default fp(
  async (app: FastifyInstance, opts: { config: GatewayConfig; services?: ServiceOverrides }) => {
    const metrics = createMetrics()
    const { services, close } = createServices(opts.config, app.log, metrics, opts.services)
    app.decorate('config', opts.config)
    app.decorate('metrics', metrics)
    for (const [name, service] of Object.entries(services)) app.decorate(name, service)
    // preClose: open SSE streams must end before the server waits for its connections to drain.
    app.addHook('preClose', () => services.jobEvents.close())
    app.addHook('onClose', close)
  },
  { name: 'gateway-services' },
)
