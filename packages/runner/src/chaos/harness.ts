import { connectMongo, createKafka, loadInfraConfig, type MongoHandle } from '@vodscope/infra'
import type { AppName } from '../apps.js'
import { type Pipeline, type PipelineOptions, startPipeline } from '../pipeline.js'

export interface ChaosHarness {
  pipeline: Pipeline
  db: MongoHandle['db']
  kafka: ReturnType<typeof createKafka>
  /** The run's topic prefix, for topic and group names (`namespace(prefix)`). */
  prefix: string
}

const WORKERS: readonly AppName[] = ['extractor', 'chat-crawler', 'audio-analyzer']

/** Every worker app at `replicas`, one gateway. */
export function everyApp(replicas: number): PipelineOptions['replicas'] {
  return { gateway: 1, ...Object.fromEntries(WORKERS.map((app) => [app, replicas])) }
}

/** Pieces small enough that a 5-minute VOD still fans out, so chunk and segment workers are exercised. */
export const PIECES_ENV = { VODSCOPE_AUDIO_SEGMENT_SEC: '120', VODSCOPE_CHAT_CHUNK_SEC: '120' }

/** What must be torn down if the run is interrupted (Ctrl-C) while scenarios are running. */
const cleanups = new Set<() => Promise<void>>()

/** Registers a teardown for `interrupted()`; call the returned function once it ran normally. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

/** Tears down every pipeline and second stack still running, newest first. */
export async function interrupted(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => undefined)
  cleanups.clear()
}

/**
 * Runs `body` against a fresh pipeline with a MongoDB handle on its database and a Kafka client on
 * its broker, and tears all of it down afterwards, whatever happens.
 */
export async function withPipeline<T>(
  options: PipelineOptions,
  body: (harness: ChaosHarness) => Promise<T>,
): Promise<T> {
  const pipeline = await startPipeline(options)
  const infra = loadInfraConfig(pipeline.env)
  const mongo = await connectMongo(infra, pipeline.mongoDb)
  const kafka = createKafka(infra, `chaos-${pipeline.mongoDb}`)
  const forget = onInterrupt(() => pipeline.stop())
  try {
    return await body({ pipeline, db: mongo.db, kafka, prefix: pipeline.env.TOPIC_PREFIX ?? '' })
  } finally {
    forget()
    await mongo.close().catch(() => undefined)
    await pipeline.stop()
  }
}

/** Remembers every process's pid now; `restarted()` names those whose pid changed since (a crash). */
export function watchRestarts(pipeline: Pipeline): { restarted(): string[] } {
  const pids = new Map(pipeline.supervisor.processes().map((p) => [p.name, p.pid]))
  return {
    restarted: () =>
      pipeline.supervisor
        .processes()
        .filter((p) => p.pid !== pids.get(p.name))
        .map((p) => `${p.name} restarted`),
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
