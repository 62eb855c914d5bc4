import { availableParallelism } from 'node:os'
import pLimit, { type LimitFunction } from 'p-limit'
import { AudioError } from '../errors.js'
import {
  type DecodeOptions,
  decodeSegment,
  type SegmentMeasurement,
  type SegmentRequest,
} from './decode-segment.js'

export interface SegmentDecoderOptions extends DecodeOptions {
  maxProcesses: number // concurrent ffmpeg children in this worker
}

export const DECODER_DEFAULTS = {
  // 8 kHz keeps everything up to 4 kHz — the voice, cheering and most of K-weighting's shelf — while
  // piping and filtering 6× fewer samples than 48 kHz.
  sampleRate: 8000, // Hz
  stallTimeoutMs: 30_000, // half a minute without a byte of PCM
  deadlineMs: 600_000, // ten minutes for one segment, far above the ~1 s a 10-minute segment takes
  truncationToleranceSec: 2, // metadata durations are rounded; media may end up to this much early
  maxProcesses: availableParallelism(), // one ffmpeg per core: decode is CPU-bound and single-threaded
} as const satisfies Omit<SegmentDecoderOptions, 'ffmpegPath' | 'protocols'>

/**
 * The per-worker ffmpeg semaphore: however many segment messages the worker runs concurrently, at
 * most `maxProcesses` children decode at once, so a box runs near, not over, its CPU.
 */
export class SegmentDecoder {
  private readonly limit: LimitFunction

  constructor(private readonly options: SegmentDecoderOptions) {
    this.limit = pLimit(options.maxProcesses)
  }

  /** Measures a segment once a slot is free; `ffmpegMs` is the child's own time, the wait excluded. */
  measure(request: SegmentRequest): Promise<SegmentMeasurement & { ffmpegMs: number }> {
    return this.limit(async () => {
      // Waiting for a slot can outlast the worker's interest in the segment; do not start a child then.
      if (request.signal?.aborted) {
        throw new AudioError('AUDIO_ABORTED', `decode of ${request.url} aborted before it started`)
      }
      const started = performance.now()
      const measurement = await decodeSegment(request, this.options)
      return { ...measurement, ffmpegMs: Math.round(performance.now() - started) }
    })
  }

  /** Children running now and requests waiting for a slot, for metrics and tests. */
  get load(): { active: number; pending: number } {
    return { active: this.limit.activeCount, pending: this.limit.pendingCount }
  }
}
