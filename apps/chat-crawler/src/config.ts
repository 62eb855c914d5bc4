import { ConfigError, type InfraConfig, loadInfraConfig, readInt } from '@vodscope/infra'
import { MOMENT_DEFAULTS, type MomentOptions } from './core/chat-moments.js'
import { CHUNK_PLAN_DEFAULTS, type ChunkPlanOptions } from './core/plan-chunks.js'

export const ROLES = ['all', 'planner', 'chunks'] as const
export type Role = (typeof ROLES)[number]

export interface ChatCrawlerConfig {
  infra: InfraConfig
  /** Which consumer groups this process joins; compose scales chunk workers on their own. */
  role: Role
  plan: ChunkPlanOptions
  /** Videos planned at once per process; planning is a few writes, so this can be generous. */
  plannerConcurrency: number
  /** Chunks crawled at once per process; upstream requests are further bounded per host by platforms. */
  chunkConcurrency: number
  /** Messages per unordered bulk write. */
  writeBatch: number
  moments: MomentOptions
}

export const CHAT_CRAWLER_DEFAULTS = {
  role: 'all',
  plannerConcurrency: 8,
  chunkConcurrency: 8,
  writeBatch: 500,
} as const satisfies Partial<ChatCrawlerConfig>

/** Reads the environment once at start-up; a bad value fails fast naming its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ChatCrawlerConfig {
  return {
    infra: loadInfraConfig(env),
    role: readRole(env),
    plan: {
      chunkSec: readInt(env, 'VODSCOPE_CHAT_CHUNK_SEC', CHUNK_PLAN_DEFAULTS.chunkSec, { min: 15, max: 3600 }),
      minChunkSec: readInt(env, 'VODSCOPE_CHAT_MIN_CHUNK_SEC', CHUNK_PLAN_DEFAULTS.minChunkSec, {
        min: 0,
        max: 600,
      }),
    },
    plannerConcurrency: readInt(
      env,
      'VODSCOPE_CHAT_PLANNER_CONCURRENCY',
      CHAT_CRAWLER_DEFAULTS.plannerConcurrency,
      {
        min: 1,
        max: 256,
      },
    ),
    chunkConcurrency: readInt(
      env,
      'VODSCOPE_CHAT_CHUNK_CONCURRENCY',
      CHAT_CRAWLER_DEFAULTS.chunkConcurrency,
      {
        min: 1,
        max: 256,
      },
    ),
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

function readRole(env: NodeJS.ProcessEnv): Role {
  const raw = env.VODSCOPE_CHAT_ROLE?.trim()
  if (!raw) return CHAT_CRAWLER_DEFAULTS.role
  if (!(ROLES as readonly string[]).includes(raw)) {
    throw new ConfigError('VODSCOPE_CHAT_ROLE', `must be one of ${ROLES.join(', ')}, got "${raw}"`)
  }
  return raw as Role
}
