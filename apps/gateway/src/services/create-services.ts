import { createKafka } from '@vodscope/infra'
import type { Kafka } from 'kafkajs'
import type { GatewayConfig } from '../config.js'
import type { Metrics } from '../metrics.js'
import { JobEventsFeed } from './job-events-feed.js'
import { JobEventsHub } from './job-events-hub.js'
import { type JobList, MongoJobList } from './job-list.js'
import { type JobStore, MongoJobStore } from './job-store.js'
import { KafkaSender } from './kafka-producer.js'
import { createBatchedLinkQueue, type LinkQueue } from './link-queue.js'
import type { Log } from './log.js'
import { MongoConnection } from './mongo-connection.js'
import { KafkaOpsInspector, type OpsInspector } from './ops-kafka.js'
import { InfraReadiness, type Readiness } from './readiness.js'
import { MongoTimelineStore, type TimelineStore } from './timeline-store.js'
import { MongoVideoStore, type VideoStore } from './video-store.js'

export interface GatewayServices {
  linkQueue: LinkQueue
  jobs: JobStore
  videos: VideoStore
  jobEvents: JobEventsHub
  readiness: Readiness
  jobList: JobList
  timeline: TimelineStore
  ops: OpsInspector
}

/**
 * Replace any service with a fake (unit tests) or an alternative (the benchmark's baseline queue);
 * `kafka` replaces the client the real services share (the outage test routes it through a gate).
 */
export type ServiceOverrides = Partial<GatewayServices> & { kafka?: Kafka }

/**
 * Builds the services the overrides do not provide. Nothing here waits for Kafka or MongoDB: each
 * client connects in the background, so the gateway starts (and says so on /readyz) during an outage.
 */
export function createServices(
  config: GatewayConfig,
  log: Log,
  metrics: Metrics,
  overrides: ServiceOverrides = {},
): { services: GatewayServices; close(): Promise<void> } {
  const closers: Array<() => Promise<void> | void> = []
  let kafka = overrides.kafka
  const getKafka = () => {
    kafka ??= createKafka(config.infra, 'vodscope-gateway')
    return kafka
  }
  let mongo: MongoConnection | undefined
  const getMongo = () => {
    mongo ??= new MongoConnection(config.infra, log, config.dbTimeoutMs)
    return mongo
  }

  const jobEvents = overrides.jobEvents ?? new JobEventsHub()
  // Streams end first, so the HTTP server can finish its open SSE responses and close.
  closers.push(() => jobEvents.close())
  if (overrides.jobEvents === undefined) {
    const feed = new JobEventsFeed(getKafka(), config.infra.topicPrefix, jobEvents, log)
    feed.start()
    closers.push(() => feed.close())
  }

  const linkQueue =
    overrides.linkQueue ??
    createBatchedLinkQueue({
      sender: new KafkaSender(getKafka(), log),
      topicPrefix: config.infra.topicPrefix,
      timeoutMs: config.produceTimeoutMs,
      maxBatch: config.produceMaxBatch,
      lingerMs: config.produceLingerMs,
      metrics,
    })
  const jobs = overrides.jobs ?? new MongoJobStore(getMongo(), log, config.intakeDbTimeoutMs)
  const videos = overrides.videos ?? new MongoVideoStore(getMongo())
  const readiness =
    overrides.readiness ?? new InfraReadiness(getKafka(), config.infra.topicPrefix, getMongo())
  const jobList = overrides.jobList ?? new MongoJobList(getMongo())
  const timeline = overrides.timeline ?? new MongoTimelineStore(getMongo())
  const ops = overrides.ops ?? new KafkaOpsInspector(getKafka(), config.infra.topicPrefix)
  closers.push(
    () => jobList.close(),
    () => timeline.close(),
    () => ops.close(),
    () => linkQueue.close(),
    () => jobs.close(),
    () => videos.close(),
    () => readiness.close(),
  )

  return {
    services: { linkQueue, jobs, videos, jobEvents, readiness, jobList, timeline, ops },
    async close() {
      for (const close of closers) {
        try {
          await close()
        } catch (error) {
          log.warn({ err: error }, 'error while closing a service')
        }
      }
      await mongo?.close()
    },
  }
}
