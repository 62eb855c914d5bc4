import { Writable } from 'node:stream'
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import { describe, expect, it, onTestFinished } from 'vitest'
import app from '../src/app.js'
import { JobEventsHub } from '../src/services/job-events-hub.js'
import { FakeJobStore, FakeLinkQueue, FakeReadiness, FakeVideoStore } from './fakes.js'
import { jobDoc } from './fixtures.js'
import { testConfig } from './helper.js'
import { FakeJobList, FakeOps, FakeTimeline } from './ops-fakes.js'

/** The app with fakes, logging JSON at info into `lines`. */
async function buildLogging() {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const jobs = new FakeJobStore()
  const server = Fastify({ logger: { level: 'info', stream } })
  await server.register(fp(app), {
    config: testConfig(),
    services: {
      linkQueue: new FakeLinkQueue(),
      jobs,
      videos: new FakeVideoStore(),
      jobEvents: new JobEventsHub(),
      readiness: new FakeReadiness(),
      jobList: new FakeJobList(jobs),
      timeline: new FakeTimeline(),
      ops: new FakeOps(),
    },
  })
  await server.ready()
  onTestFinished(() => server.close())
  return { app: server, jobs, lines }
}

describe('request logs', () => {
  it('should carry the jobId or videoKey of the route on the request completion line', async () => {
    const { app, jobs, lines } = await buildLogging()
    jobs.docs.set('job1', jobDoc())
    await app.inject('/v1/jobs/job1')
    await app.inject('/v1/videos/twitch:42/timeline')
    await app.inject('/healthz')
    const completed = lines.filter((l) => l.msg === 'request completed')
    expect(completed[0]).toMatchObject({ jobId: 'job1', res: { statusCode: 200 } })
    expect(completed[1]).toMatchObject({ videoKey: 'twitch:42', res: { statusCode: 404 } })
    expect(completed[2]).not.toHaveProperty('jobId')
  })
})
