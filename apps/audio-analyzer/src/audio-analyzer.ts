import { AudioSegmentV1, namespace, VideoExtractedV1 } from '@vodscope/contracts'
import { ffmpegProtocols } from '@vodscope/platforms/media-url'
import {
  createFanIn,
  createJobStages,
  createWorker,
  type Worker,
  type WorkerResources,
} from '@vodscope/worker-kit'
import type { Producer } from 'kafkajs'
import { type AudioAnalyzerConfig, loadConfig } from './config.js'
import { resolveFfmpeg } from './ffmpeg/ffmpeg-path.js'
import { DECODER_DEFAULTS, SegmentDecoder } from './ffmpeg/segment-decoder.js'
import { createPlanHandler, type ResolveAudioSource } from './pipeline/plan-handler.js'
import { createSegmentHandler } from './pipeline/segment-handler.js'
import { SegmentPartitioner } from './pipeline/segment-partitioner.js'

export const WORKER_NAMES = { planner: 'audio-planner', segments: 'audio-segments' } as const

export interface AudioAnalyzerOptions {
  /** Needed by the planner only; segment workers never call a platform. */
  resolveSource?: ResolveAudioSource
  env?: NodeJS.ProcessEnv
  /** Replaces the environment's settings (tests); read from `env` when absent. */
  config?: AudioAnalyzerConfig
}

/**
 * The audio analyzer's workers: the planner (vod.videos.v1 → segments on vod.audio-segments.v1)
 * and the segment worker (decode, measure, fan in, rank), or one of them (`VODSCOPE_AUDIO_ROLE`).
 */
export async function buildAudioAnalyzer(
  resources: WorkerResources,
  options: AudioAnalyzerOptions,
): Promise<Worker[]> {
  const env = options.env ?? process.env
  const config = options.config ?? loadConfig(env)
  const { topics, groups } = namespace(resources.config.infra.topicPrefix)
  const { db } = resources.mongo
  const stages = createJobStages({ db, producer: resources.producer, topic: topics.jobEvents })
  const shared = { ...resources, env }
  const workers: Worker[] = []

  if (config.role !== 'segments') {
    if (options.resolveSource === undefined) throw new Error('the audio planner needs resolveSource')
    // The planner's own producer: its partitioner spreads each VOD's segments over every partition.
    const segmentProducer = resources.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: SegmentPartitioner,
    })
    const handle = createPlanHandler({
      db,
      producer: segmentProducer,
      stages,
      resolveSource: options.resolveSource,
      media: config.media,
      plan: config.plan,
      segmentsTopic: topics.audioSegments,
    })
    const planner = createWorker({
      ...shared,
      name: WORKER_NAMES.planner,
      group: groups.audioPlanner,
      topic: topics.videos,
      schema: VideoExtractedV1,
      concurrency: 8,
      handle,
    })
    workers.push(withProducer(planner, segmentProducer))
  }

  if (config.role !== 'planner') {
    const ffmpeg = resolveFfmpeg(env)
    resources.log.info({ ffmpeg: ffmpeg.path, source: ffmpeg.source }, 'ffmpeg found')
    const fanIn = createFanIn(db)
    const decoder = new SegmentDecoder({
      ...DECODER_DEFAULTS,
      ...config.decoder,
      ffmpegPath: ffmpeg.path,
      protocols: ffmpegProtocols(config.media),
    })
    const handle = createSegmentHandler({
      db,
      stages,
      fanIn,
      decoder,
      media: config.media,
      sampleRate: config.decoder.sampleRate,
      detect: config.detect,
      progressIntervalMs: 1_000, // a second: enough for a progress bar
    })
    workers.push(
      createWorker({
        ...shared,
        name: WORKER_NAMES.segments,
        group: groups.audioSegments,
        topic: topics.audioSegments,
        schema: AudioSegmentV1,
        // Several handlers per ffmpeg slot, so each segment's writes overlap the next decodes.
        concurrency: Math.max(8, config.decoder.maxProcesses * 4),
        handle,
      }),
    )
  }
  return workers
}

/** A worker that also owns `producer`: connected before it starts, disconnected after it stops. */
function withProducer(worker: Worker, producer: Producer): Worker {
  return {
    name: worker.name,
    health: () => worker.health(),
    async start() {
      await producer.connect()
      await worker.start()
    },
    async stop(options) {
      await worker.stop(options)
      await producer.disconnect()
    },
  }
}
