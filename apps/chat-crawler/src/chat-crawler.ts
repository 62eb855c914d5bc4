import { ChatChunkV1, namespace, VideoExtractedV1 } from '@vodscope/contracts'
import {
  createFanIn,
  createJobStages,
  createWorker,
  loadWorkerConfig,
  type Worker,
  type WorkerResources,
} from '@vodscope/worker-kit'
import { type ChatCrawlerConfig, CONCURRENCY_DEFAULTS } from './config.js'
import type { ChatSource } from './crawl/chat-source.js'
import { createChunkHandler } from './handlers/crawl-chunk.js'
import { fuseWithAudio } from './handlers/fuse-highlights.js'
import { createJoin, type FuseHighlights } from './handlers/join-chat.js'
import { createPlanHandler } from './handlers/plan-video.js'
import { createSkip } from './handlers/skip-chat.js'
import { chatCollections } from './store/collections.js'

export interface ChatCrawlerOptions {
  config: ChatCrawlerConfig
  source: ChatSource
  /** Defaults to the audio analyzer's ranking (fuse-highlights.ts); tests may observe calls instead. */
  fuseHighlights?: FuseHighlights
  env?: NodeJS.ProcessEnv
}

/**
 * The chat crawler's workers: a planner on vod.videos.v1 that fans a VOD out as chunks, and a chunk
 * worker on vod.chat-chunks.v1 that crawls them and joins the last one. `role` picks which of the
 * two this process runs, so chunk workers can be scaled on their own.
 */
export async function buildChatCrawler(
  resources: WorkerResources,
  options: ChatCrawlerOptions,
): Promise<Worker[]> {
  const { config } = options
  const env = options.env ?? process.env
  const { topics, groups } = namespace(resources.config.infra.topicPrefix)
  const { db } = resources.mongo
  const collections = chatCollections(db)
  const stages = createJobStages({ db, producer: resources.producer, topic: topics.jobEvents })
  const fanIn = createFanIn(db)
  const fuseHighlights = options.fuseHighlights ?? fuseWithAudio({ db, stages })
  const shared = {
    kafka: resources.kafka,
    producer: resources.producer,
    log: resources.log,
    registry: resources.registry,
  }

  const workers: Worker[] = []
  if (config.role !== 'chunks') {
    const worker = loadWorkerConfig(env, 'chat-planner', {
      group: groups.chatPlanner,
      concurrency: CONCURRENCY_DEFAULTS.planner,
    })
    workers.push(
      createWorker({
        ...shared,
        name: 'chat-planner',
        group: worker.group,
        topic: topics.videos,
        schema: VideoExtractedV1,
        concurrency: worker.concurrency,
        retry: worker.retry,
        handle: createPlanHandler({
          producer: resources.producer,
          stages,
          collections,
          plan: config.plan,
          chunksTopic: topics.chatChunks,
        }),
      }),
    )
  }
  if (config.role !== 'planner') {
    const worker = loadWorkerConfig(env, 'chat-chunks', {
      group: groups.chatChunks,
      concurrency: CONCURRENCY_DEFAULTS.chunks,
    })
    const join = createJoin({
      db,
      collections,
      stages,
      fanIn,
      moments: config.moments,
      fuseHighlights,
    })
    workers.push(
      createWorker({
        ...shared,
        name: 'chat-chunks',
        group: worker.group,
        topic: topics.chatChunks,
        schema: ChatChunkV1,
        concurrency: worker.concurrency,
        retry: worker.retry,
        handle: createChunkHandler({
          db,
          collections,
          stages,
          fanIn,
          source: options.source,
          writeBatch: config.writeBatch,
          join,
          skip: createSkip({ db, collections, stages, fuseHighlights }),
          fuseHighlights,
        }),
      }),
    )
  }
  return workers
}
