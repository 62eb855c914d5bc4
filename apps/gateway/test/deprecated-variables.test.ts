import { Writable } from 'node:stream'
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import { describe, expect, it, onTestFinished } from 'vitest'
import app from '../src/app.js'
import { loadGatewayConfig } from '../src/config.js'
import { JobEventsHub } from '../src/services/job-events-hub.js'
import { FakeJobStore, FakeLinkQueue, FakeReadiness, FakeVideoStore } from './fakes.js'

/** The warn lines the app logs while starting with the configuration `env` gives. */
async function startupWarnings(env: NodeJS.ProcessEnv): Promise<string[]> {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      const line = JSON.parse(String(chunk)) as { level: number; msg: string }
      if (line.level === 40) lines.push(line.msg)
      done()
    },
  })
  const server = Fastify({ logger: { level: 'warn', stream } })
  await server.register(fp(app), {
    config: loadGatewayConfig(env),
    services: {
      linkQueue: new FakeLinkQueue(),
      jobs: new FakeJobStore(),
      videos: new FakeVideoStore(),
      jobEvents: new JobEventsHub(),
      readiness: new FakeReadiness(),
    },
  })
  await server.ready()
  onTestFinished(() => server.close())
  return lines
}

describe('deprecated environment names', () => {
  it('should warn once at start-up, in one line naming each old variable and its new name', async () => {
    const warnings = await startupWarnings({ PORT: '3001', RATE_LIMIT_PER_SEC: '0' })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('PORT → VODSCOPE_GATEWAY_PORT')
    expect(warnings[0]).toContain('RATE_LIMIT_PER_SEC → VODSCOPE_GATEWAY_RATE_LIMIT_PER_SEC')
  })

  it('should not warn when only the new names are set', async () => {
    expect(await startupWarnings({ VODSCOPE_GATEWAY_PORT: '3001' })).toEqual([])
  })
})
