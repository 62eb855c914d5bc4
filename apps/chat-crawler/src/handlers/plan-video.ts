import { codecs, TOPICS, type VideoExtractedV1 } from '@vodscope/contracts'
import type { Handler, JobStages } from '@vodscope/worker-kit'
import type { Producer } from 'kafkajs'
import { type ChunkPlanOptions, planChunks } from '../core/plan-chunks.js'
import { dropStaleChunkStats } from '../store/chat-stats.js'
import type { ChatCollections } from '../store/collections.js'

export interface PlannerDeps {
  producer: Producer
  stages: JobStages
  collections: ChatCollections
  plan: ChunkPlanOptions
  /** Where chunks go; a prefixed namespace in tests. */
  chunksTopic: string
}

const chunkCodec = codecs[TOPICS.chatChunks]

/**
 * A video's chat stage starts here: claim it, split the VOD into chunks and produce them, keyed
 * `videoKey:chunkIndex` so they spread over every partition and every chunk replica. Redelivered, it
 * produces the same chunks again; chunk workers skip those already stored. A finished stage is
 * acknowledged without work.
 */
export function createPlanHandler(deps: PlannerDeps): Handler<VideoExtractedV1> {
  return async (video, ctx) => {
    const claim = await deps.stages.claim(video, 'chat')
    if (!claim.claimed) {
      ctx.log.info({ status: claim.status }, 'chat stage already finished; acknowledging redelivery')
      return
    }
    const chunks = planChunks(video, deps.plan)
    // Independent writes, both done before any chunk exists: sent at once.
    await Promise.all([
      dropStaleChunkStats(deps.collections.stats, video.videoKey, chunks.length),
      deps.stages.progress(video, 'chat', { done: 0, total: chunks.length }),
    ])
    await deps.producer.send({
      topic: deps.chunksTopic,
      messages: chunks.map((chunk) => ({
        key: `${chunk.videoKey}:${chunk.chunkIndex}`,
        value: chunkCodec.encode(chunk),
      })),
    })
    ctx.log.info({ chunks: chunks.length, parts: video.parts.length }, 'chat chunks planned')
  }
}
