import { readEnum, readInt } from '@vodscope/infra'
import { MOMENT_DEFAULTS, type MomentOptions } from './core/chat-moments.js'
import { CHUNK_PLAN_DEFAULTS, type ChunkPlanOptions } from './core/plan-chunks.js'

export const ROLES = ['all', 'planner', 'chunks'] as const
export type Role = (typeof ROLES)[number]

/** The chat crawler's own settings; broker, database and worker settings are worker-kit's. */
export interface ChatCrawlerConfig {
  /** Which consumer groups this process joins; compose scales chunk workers on their own. */
  role: Role
  plan: ChunkPlanOptions
  /** Messages per unordered bulk write. */
  writeBatch: number
  moments: MomentOptions
}

export const CHAT_CRAWLER_DEFAULTS = {
  role: 'all',
  writeBatch: 500,
} as const satisfies Partial<ChatCrawlerConfig>

/**
 * Handlers at once per process, by worker. worker-kit reads overrides from
 * `VODSCOPE_CHAT_PLANNER_CONCURRENCY` and `VODSCOPE_CHAT_CHUNKS_CONCURRENCY`.
 */
export const CONCURRENCY_DEFAULTS = {
  planner: 8, // planning is a few writes and one produce
  // Chunks handled at once. Each keeps at most one upstream request in flight, and platforms bounds
  // requests per host on top (16 by default). Twice that bound, so that while some chunks write their
  // batches and stats, others hold every upstream slot: at 16, a slot sat idle during each write.
  chunks: 32,
} as const

/** Reads the environment once at start-up; a bad value fails fast naming its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ChatCrawlerConfig {
  return {
    role: readEnum(env, 'VODSCOPE_CHAT_ROLE', ROLES, CHAT_CRAWLER_DEFAULTS.role),
    plan: {
      chunkSec: readInt(env, 'VODSCOPE_CHAT_CHUNK_SEC', CHUNK_PLAN_DEFAULTS.chunkSec, { min: 15, max: 3600 }),
      minChunkSec: readInt(env, 'VODSCOPE_CHAT_MIN_CHUNK_SEC', CHUNK_PLAN_DEFAULTS.minChunkSec, {
        min: 0,
        max: 600,
      }),
      chunkSecByPlatform: {
        soop: readInt(env, 'VODSCOPE_CHAT_SOOP_CHUNK_SEC', CHUNK_PLAN_DEFAULTS.chunkSecByPlatform.soop, {
          min: 15,
          max: 3600,
        }),
      },
    },
    writeBatch: readInt(env, 'VODSCOPE_CHAT_WRITE_BATCH', CHAT_CRAWLER_DEFAULTS.writeBatch, {
      min: 1,
      max: 10_000,
    }),
    moments: {
      ...MOMENT_DEFAULTS,
      topK: readInt(env, 'VODSCOPE_CHAT_TOP_MOMENTS', MOMENT_DEFAULTS.topK, { min: 1, max: 100 }),
      minGapSec: readInt(env, 'VODSCOPE_CHAT_MOMENT_GAP_SEC', MOMENT_DEFAULTS.minGapSec, {
        min: 1,
        max: 3600,
      }),
    },
  }
}
