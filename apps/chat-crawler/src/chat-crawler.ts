import { ChatChunkV1, namespace, VideoExtractedV1 } from '@vodscope/contracts'
import {
  createFanIn,
  createJobStages,
  createWorker,
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
  const { topics, groups } = namespace(resources.config.infra.topicPrefix)
  const { db } = resources.mongo
  const collections = chatCollections(db)
  const stages = createJobStages({ db, producer: resources.producer, topic: topics.jobEvents })
  const fanIn = createFanIn(db)
  const fuseHighlights = options.fuseHighlights ?? fuseWithAudio({ db, stages })
  const shared = { ...resources, env: options.env ?? process.env }

  const workers: Worker[] = []
  if (config.role !== 'chunks') {
    const handle = createPlanHandler({
      producer: resources.producer,
      stages,
      collections,
      plan: config.plan,
      chunksTopic: topics.chatChunks,
    })
    workers.push(
      createWorker({
        ...shared,
        name: 'chat-planner',
        group: groups.chatPlanner,
        topic: topics.videos,
        schema: VideoExtractedV1,
        concurrency: CONCURRENCY_DEFAULTS.planner,
        handle,
      }),
    )
  }
  if (config.role !== 'planner') {
    const join = createJoin({ db, collections, stages, fanIn, moments: config.moments, fuseHighlights })
    const handle = createChunkHandler({
      db,
      collections,
      stages,
      fanIn,
      source: options.source,
      writeBatch: config.writeBatch,
      join,
      skip: createSkip({ db, collections, stages, fuseHighlights }),
      fuseHighlights,
    })
    workers.push(
      createWorker({
        ...shared,
        name: 'chat-chunks',
        group: groups.chatChunks,
        topic: topics.chatChunks,
        schema: ChatChunkV1,
        concurrency: CONCURRENCY_DEFAULTS.chunks,
        handle,
      }),
    )
  }
  return workers
}
