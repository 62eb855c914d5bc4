import type { JobDocument, VideoKey } from '@vodscope/contracts'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { onTestFinished } from 'vitest'
import app, { serverOptions } from '../src/app.js'
import { GatewayError } from '../src/errors.js'
import type { DeadLetterView, GroupsResponse, ReplayResponse, TopicsResponse } from '../src/schemas/ops.js'
import { JobEventsHub } from '../src/services/job-events-hub.js'
import type { JobList } from '../src/services/job-list.js'
import type { GroupName, OpsInspector, ReplaySelect } from '../src/services/ops-kafka.js'
import type { TimelineSeries, TimelineStore } from '../src/services/timeline-store.js'
import { FakeJobStore, FakeLinkQueue, FakeReadiness, FakeVideoStore } from './fakes.js'
import { testConfig } from './helper.js'

/** Canned broker answers; `down` answers like an unreachable broker. */
export class FakeOps implements OpsInspector {
  topicsAnswer: TopicsResponse = { topics: [] }
  groupsAnswer: GroupsResponse = { groups: [] }
  letters: DeadLetterView[] = []
  readonly replays: Array<{ group: GroupName; select: ReplaySelect }> = []
  down = false

  async topics() {
    this.check()
    return this.topicsAnswer
  }
  async groups() {
    this.check()
    return this.groupsAnswer
  }
  async deadLetters(group: GroupName | undefined) {
    this.check()
    return this.letters.filter((l) => group === undefined || l.group === group)
  }
  async replay(group: GroupName, select: ReplaySelect): Promise<ReplayResponse> {
    this.check()
    this.replays.push({ group, select })
    const pending = this.letters.filter((l) => l.group === group).map((l) => l.id)
    const wanted = 'all' in select ? pending : select.ids
    const replayedIds = wanted.filter((id) => pending.includes(id))
    return {
      replayed: replayedIds.length,
      replayedIds,
      missing: wanted.filter((id) => !pending.includes(id)),
    }
  }
  async close() {}

  private check() {
    if (this.down) throw new GatewayError('BROKER_UNAVAILABLE', 'Kafka did not answer (fake).')
  }
}

export class FakeJobList implements JobList {
  constructor(private readonly jobs: FakeJobStore) {}
  async recent(limit: number): Promise<JobDocument[]> {
    return [...this.jobs.docs.values()]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
  }
  async close() {}
}

export class FakeTimeline implements TimelineStore {
  readonly series = new Map<string, TimelineSeries>()
  async findSeries(videoKey: VideoKey) {
    return this.series.get(videoKey) ?? null
  }
  async close() {}
}

/** The app with every service faked, the ops ones included; closed when the test ends. */
export async function buildWithOpsFakes(env: NodeJS.ProcessEnv = {}) {
  const jobs = new FakeJobStore()
  const fakes = {
    linkQueue: new FakeLinkQueue(),
    jobs,
    videos: new FakeVideoStore(),
    jobEvents: new JobEventsHub(),
    readiness: new FakeReadiness(),
    jobList: new FakeJobList(jobs),
    timeline: new FakeTimeline(),
    ops: new FakeOps(),
  }
  const server: FastifyInstance = Fastify(serverOptions(testConfig(env)))
  await server.register(fp(app), { config: testConfig(env), services: fakes })
  await server.ready()
  onTestFinished(() => server.close())
  return { app: server, ...fakes }
}
