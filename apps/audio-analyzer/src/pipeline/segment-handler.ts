import { type AudioSegmentV1, COLLECTIONS, type JobDocument } from '@vodscope/contracts'
import type { DetectOptions } from '@vodscope/highlights'
import { checkMediaUrl, type MediaUrlPolicy } from '@vodscope/platforms/media-url'
import { type FanIn, type Handler, type JobStages, ProgressThrottle } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import type { SegmentDecoder } from '../ffmpeg/segment-decoder.js'
import { type LoudnessDocument, saveSegmentLoudness } from '../store/loudness-store.js'
import { failAudio, failureOf } from './failures.js'
import { finishAudio } from './finish-audio.js'

export interface SegmentDeps {
  db: Db
  stages: JobStages
  fanIn: FanIn
  decoder: SegmentDecoder
  /** Checked again here: a message on the topic may come from anyone who can produce to it. */
  media: MediaUrlPolicy
  sampleRate: number // Hz, the decoder's; stored with each segment
  detect: DetectOptions
  progressIntervalMs: number // least time between two progress reports of one job from this worker
}

/** The fan-in of one job's audio segments. */
export const audioFanInId = (jobId: string): string => `audio/${jobId}`

/**
 * One segment: decode and measure it, store its per-second energy (replacing any earlier attempt),
 * count it in the fan-in and report progress; the call that completes the fan-in runs the join.
 */
export function createSegmentHandler(deps: SegmentDeps): Handler<AudioSegmentV1> {
  const jobs = deps.db.collection<JobDocument>(COLLECTIONS.jobs)
  const loudness = deps.db.collection<LoudnessDocument>(COLLECTIONS.audioLoudness)
  const progress = new ProgressThrottle(deps.progressIntervalMs)

  return async (segment, ctx) => {
    const job = await jobs.findOne({ _id: segment.jobId }, { projection: { 'stages.audio.status': 1 } })
    const status = job?.stages.audio.status
    const id = audioFanInId(segment.jobId)
    if (status === 'done') {
      // The join marks the stage done before it ranks, and the fan-in joined last. A worker killed in
      // between leaves the fan-in unjoined: a redelivered segment finishes that join, or the
      // highlights would wait for audio forever (the chat crawler's join has the same guard).
      const fan = await deps.fanIn.markDone({ id, piece: segment.segmentIndex, total: segment.segmentCount })
      if (fan.complete && !fan.joined) {
        await finishAudio(deps, segment, segment.segmentCount)
        await deps.fanIn.markJoined(id)
      }
      return
    }
    if (status === 'skipped') {
      ctx.log.info({ status }, 'audio stage skipped; acknowledging segment')
      return
    }

    const started = performance.now()
    let measured: Awaited<ReturnType<SegmentDecoder['measure']>>
    try {
      measured = await deps.decoder.measure({
        // A refused URL throws a final error: the job fails with the reason, the message is dead-lettered.
        url: checkMediaUrl(segment.source.url, segment.platform, deps.media),
        offsetSec: segment.source.offsetSec,
        durationSec: segment.endSec - segment.startSec,
        startSec: segment.startSec,
        signal: ctx.signal,
      })
    } catch (err) {
      // Corrupt or truncated media, or a hang that outlived its retries: the job says why. A segment
      // is retried on its own (worker-kit's retry topic); the other segments carry on meanwhile.
      if (ctx.isFinal(err)) {
        ctx.log.warn({ code: failureOf(err).code, segment: segment.segmentIndex }, 'segment failed for good')
        await failAudio(deps, segment, failureOf(err))
      }
      throw err
    }

    const { ffmpegMs, ...measurement } = measured
    const decodedAt = performance.now()
    await saveSegmentLoudness(loudness, {
      ...measurement,
      videoKey: segment.videoKey,
      jobId: segment.jobId,
      segmentIndex: segment.segmentIndex,
      segmentCount: segment.segmentCount,
      startSec: segment.startSec,
      endSec: segment.endSec,
      sampleRate: deps.sampleRate,
    })
    const fan = await deps.fanIn.markDone({ id, piece: segment.segmentIndex, total: segment.segmentCount })
    if (progress.due(segment.jobId, fan.done === fan.total)) {
      await deps.stages.progress(segment, 'audio', { done: fan.done, total: fan.total })
    }
    ctx.log.info(
      {
        segment: segment.segmentIndex,
        done: fan.done,
        total: fan.total,
        decodeMs: Math.round(decodedAt - started), // waiting for an ffmpeg slot included
        ffmpegMs,
        storeMs: Math.round(performance.now() - decodedAt),
      },
      'segment measured',
    )
    // The second case is the redelivered last segment of a worker that died before its join finished.
    if (fan.completedNow || (fan.complete && !fan.joined)) {
      const outcome = await finishAudio(deps, segment, segment.segmentCount)
      await deps.fanIn.markJoined(id)
      ctx.log.info({ outcome, segments: segment.segmentCount }, 'audio joined')
    }
  }
}
