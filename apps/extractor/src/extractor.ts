import { LinkSubmittedV1, namespace } from '@vodscope/contracts'
import { createJobStages, createWorker, type Worker, type WorkerResources } from '@vodscope/worker-kit'
import { createLinkHandler, type ExtractorDeps } from './handle-link.js'

/** Metadata fetches wait on the network, not the CPU: many in flight keep one replica busy. */
export const EXTRACTOR_DEFAULTS = {
  concurrency: 64, // links in flight per replica
} as const

export interface ExtractorOptions {
  fetchMetadata: ExtractorDeps['fetchMetadata']
  env?: NodeJS.ProcessEnv
}

/** The extractor's one worker: vod.links.v1 → metadata → videos + vod.videos.v1. */
export function buildExtractor(resources: WorkerResources, options: ExtractorOptions): Worker[] {
  const { topics, groups } = namespace(resources.config.infra.topicPrefix)
  const { db } = resources.mongo
  const stages = createJobStages({ db, producer: resources.producer, topic: topics.jobEvents })
  const handle = createLinkHandler({
    db,
    producer: resources.producer,
    stages,
    fetchMetadata: options.fetchMetadata,
    videosTopic: topics.videos,
  })
  return [
    createWorker({
      ...resources,
      env: options.env ?? process.env,
      name: 'extractor',
      group: groups.extractor,
      topic: topics.links,
      schema: LinkSubmittedV1,
      concurrency: EXTRACTOR_DEFAULTS.concurrency,
      handle,
    }),
  ]
}
