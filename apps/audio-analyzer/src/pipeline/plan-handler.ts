import {
  type AudioSegmentV1,
  COLLECTIONS,
  codecs,
  type Platform,
  TOPICS,
  type VideoExtractedV1,
  type VideoPart,
} from '@vodscope/contracts'
import { checkMediaUrl, type MediaUrlPolicy } from '@vodscope/platforms/media-url'
import type { Handler, JobStages } from '@vodscope/worker-kit'
import type { Producer } from 'kafkajs'
import type { Db } from 'mongodb'
import { dropStaleSegments, type LoudnessDocument } from '../store/loudness-store.js'
import { failAudio, failureOf } from './failures.js'
import { type PlanOptions, planSegments } from './plan-segments.js'

/** Where one part's audio can be decoded from; resolved from the platform id, never a user's URL. */
export interface AudioSource {
  /** The part's `index`. */
  index: number
  kind: 'hls' | 'file'
  url: string
}

/** One source per part (@vodscope/platforms). Throws an error with `retryable: false` when there is none. */
export type ResolveAudioSource = (
  platform: Platform,
  videoId: string,
  parts: VideoPart[],
) => Promise<AudioSource[]>

export interface PlanDeps {
  db: Db
  producer: Producer
  stages: JobStages
  resolveSource: ResolveAudioSource
  /** Media URLs from a platform's answer are checked before they enter a message. */
  media: MediaUrlPolicy
  plan: PlanOptions
  segmentsTopic: string
}

const segmentCodec = codecs[TOPICS.audioSegments]

/**
 * One extracted video: resolve its audio, cut it into segments and fan them out (key
 * `videoKey:segmentIndex`, so they spread over every partition and every segment worker). A
 * redelivered video whose audio stage finished is acknowledged; one whose planning was interrupted
 * re-plans identically, and the segment workers absorb the duplicate segments.
 */
export function createPlanHandler(deps: PlanDeps): Handler<VideoExtractedV1> {
  const loudness = deps.db.collection<LoudnessDocument>(COLLECTIONS.audioLoudness)

  return async (video, ctx) => {
    const claim = await deps.stages.claim(video, 'audio')
    if (!claim.claimed) {
      ctx.log.info({ status: claim.status }, 'audio stage already finished; acknowledging redelivery')
      return
    }

    let sources: AudioSource[]
    try {
      sources = await deps.resolveSource(video.platform, video.videoId, video.parts)
      for (const source of sources) source.url = checkMediaUrl(source.url, video.platform, deps.media)
    } catch (err) {
      if (ctx.isFinal(err)) await failAudio(deps, video, failureOf(err))
      throw err
    }

    const plan = planSegments(video.parts, deps.plan)
    const segments: AudioSegmentV1[] = plan.map((s) => {
      const found = sources.find((source) => source.index === s.partIndex)
      if (found === undefined) throw new Error(`no audio source for part ${s.partIndex} of ${video.videoKey}`)
      const { kind, url } = found
      return {
        version: 1,
        jobId: video.jobId,
        videoKey: video.videoKey,
        platform: video.platform,
        videoId: video.videoId,
        segmentIndex: s.segmentIndex,
        segmentCount: plan.length,
        startSec: s.startSec,
        endSec: s.endSec,
        source: { kind, url, offsetSec: s.offsetSec },
      }
    })
    // A re-run cut into fewer segments must not leave the old run's tail for readers of the collection.
    await dropStaleSegments(loudness, video.videoKey, plan.length)
    await deps.producer.send({
      topic: deps.segmentsTopic,
      messages: segments.map((s) => ({
        key: `${s.videoKey}:${s.segmentIndex}`,
        value: segmentCodec.encode(s),
      })),
    })
    await deps.stages.progress(video, 'audio', { done: 0, total: plan.length })
    ctx.log.info({ segments: plan.length, parts: video.parts.length }, 'audio planned')
  }
}
