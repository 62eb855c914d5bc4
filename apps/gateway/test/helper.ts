import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { onTestFinished } from 'vitest'
import app, { serverOptions } from '../src/app.js'
import { type GatewayConfig, loadGatewayConfig } from '../src/config.js'
import { JobEventsHub } from '../src/services/job-events-hub.js'
import { FakeJobStore, FakeLinkQueue, FakeReadiness, FakeVideoStore } from './fakes.js'

export function testConfig(env: NodeJS.ProcessEnv = {}): GatewayConfig {
  return loadGatewayConfig({ VODSCOPE_LOG_LEVEL: 'silent', ...env })
}

/** The app as server.ts builds it, with every service faked; closed when the test ends. */
export async function buildWithFakes(env: NodeJS.ProcessEnv = {}) {
  const fakes = {
    linkQueue: new FakeLinkQueue(),
    jobs: new FakeJobStore(),
    videos: new FakeVideoStore(),
    jobEvents: new JobEventsHub(),
    readiness: new FakeReadiness(),
  }
  const server: FastifyInstance = Fastify(serverOptions(testConfig(env)))
  await server.register(fp(app), { config: testConfig(env), services: fakes })
  await server.ready()
  onTestFinished(() => server.close())
  return { app: server, ...fakes }
}
