import { randomUUID } from 'node:crypto'
import {
  COLLECTIONS,
  codecs,
  type JobDocument,
  namespace,
  newJobDocument,
  type Platform,
  TOPICS,
  type VideoDocument,
  type VideoExtractedV1,
} from '@vodscope/contracts'
import type { Producer } from 'kafkajs'
import type { Db } from 'mongodb'

/** Where a seeded job goes: the run's own database, producer and topic prefix. */
export interface SeedTarget {
  db: Db
  producer: Producer
  topicPrefix: string
}

/** What the extractor would have learnt about the video (upstream-sim's truth has these fields). */
export type SeedVideo = Pick<VideoExtractedV1, 'title' | 'durationSec' | 'channel' | 'parts'>

export interface SeededJob {
  jobId: string
  videoKey: string
  platform: Platform
  videoId: string
}

/**
 * Starts the audio stage of a fresh job the way the gateway and extractor would: the job document
 * (metadata done, chat at `chat`), the video's metadata fields, and a VideoExtracted message for the
 * audio planner. `chat: 'skipped'` makes audio the last stage, so the highlights become final without
 * a chat crawler. Used by the analyzer's integration tests and by bench/audio, so both drive the
 * stage the same way.
 */
export async function seedAudioJob(
  target: SeedTarget,
  platform: Platform,
  videoId: string,
  video: SeedVideo,
  chat: 'skipped' | 'queued' | 'done' = 'skipped',
): Promise<SeededJob> {
  const ref = {
    jobId: `job_${randomUUID().slice(0, 12)}`,
    videoKey: `${platform}:${videoId}`,
    platform,
    videoId,
  }
  const job = newJobDocument(ref, false, new Date())
  job.stages.metadata.status = 'done'
  job.stages.chat.status = chat
  await target.db.collection<JobDocument>(COLLECTIONS.jobs).insertOne(job)
  await target.db
    .collection<VideoDocument>(COLLECTIONS.videos)
    .updateOne(
      { _id: ref.videoKey },
      { $set: { platform, videoId, title: video.title, durationSec: video.durationSec } },
      { upsert: true },
    )
  const message: VideoExtractedV1 = {
    version: 1,
    ...ref,
    title: video.title,
    durationSec: video.durationSec,
    channel: video.channel,
    parts: video.parts,
    extractedAt: new Date().toISOString(),
  }
  await target.producer.send({
    topic: namespace(target.topicPrefix).topics.videos,
    messages: [{ key: ref.videoKey, value: codecs[TOPICS.videos].encode(message) }],
  })
  return ref
}
