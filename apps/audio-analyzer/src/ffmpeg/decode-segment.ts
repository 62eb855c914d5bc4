import { Writable } from 'node:stream'
import ffmpeg from 'fluent-ffmpeg'
import { AudioError } from '../errors.js'
import { LoudnessMeter, type SecondBins } from '../loudness/loudness-meter.js'
import { classifyFfmpegFailure } from './ffmpeg-errors.js'

export interface SegmentRequest {
  /** Media URL or local path, resolved by the planner from the platform id. */
  url: string
  /** Where the segment starts inside that media, in seconds (input seek). */
  offsetSec: number
  durationSec: number
  /** VOD time of the segment's first sample, in seconds: the bins are in VOD time. */
  startSec: number
  /** Kills the child when the worker stops or loses the partition. */
  signal?: AbortSignal
}

export interface DecodeOptions {
  ffmpegPath: string
  /**
   * ffmpeg's `-protocol_whitelist` (@vodscope/platforms `ffmpegProtocols`): every URL ffmpeg opens,
   * playlist entries and redirects included, must use one of these, so a playlist cannot point it at
   * `file:` or plain `http:` on the internal network.
   */
  protocols: string
  sampleRate: number // Hz
  stallTimeoutMs: number // no PCM for this long → the child is hung: SIGKILL
  deadlineMs: number // whole decode, however steadily it trickles
  truncationToleranceSec: number // media this much shorter than the segment still counts as complete
}

export interface SegmentMeasurement extends SecondBins {
  decodedSec: number
}

/**
 * Decodes one segment with ffmpeg (input seek, mono, `sampleRate`, s16le on stdout) and measures it
 * while it streams: Node never holds more than a pipe chunk of PCM.
 *
 * The segment's length is enforced here, in samples, not with ffmpeg's `-t`: after an input seek into
 * HLS, ffmpeg 4.x rebases timestamps wrongly and `-t` both starts ~0.6 s early and runs long, so
 * neighbouring segments would overlap. With `-copyts` the seek itself lands on the right sample
 * (checked against a click track); Node takes exactly `durationSec × sampleRate` samples and then
 * kills the child. A child that stops producing output or overruns its deadline is SIGKILLed too —
 * SIGTERM is not enough: ffmpeg blocked in open() on a stuck input restarts the call.
 */
export function decodeSegment(request: SegmentRequest, options: DecodeOptions): Promise<SegmentMeasurement> {
  const meter = new LoudnessMeter(options.sampleRate, request.startSec)
  const wantedBytes = Math.round(request.durationSec * options.sampleRate) * 2
  let receivedBytes = 0
  const command = ffmpeg({ stdoutLines: 40 })
    .setFfmpegPath(options.ffmpegPath)
    .input(request.url)
    .inputOptions([
      '-protocol_whitelist',
      options.protocols,
      ...(request.offsetSec > 0 ? ['-ss', request.offsetSec.toFixed(3)] : []),
    ])
    // -flush_packets 0: ffmpeg fills its 32 KB output buffer (2 s of PCM) before each write instead of
    // writing every decoded packet (~1 KB): a thirtieth of the pipe writes and 'data' events, which cut
    // the decode path's CPU by a third (bench/audio/RESULTS.md). The bytes are the same.
    .outputOptions(['-copyts', '-flush_packets', '0'])
    .noVideo()
    .audioChannels(1)
    // swr with a shorter sinc than its default (16 taps, not 32): a third of the resampling CPU for an
    // anti-alias filter that is still far below what a loudness reading can notice.
    .audioFilters(`aresample=${options.sampleRate}:filter_size=16:phase_shift=8`)
    .audioCodec('pcm_s16le')
    .format('s16le')

  return new Promise((resolve, reject) => {
    let settled = false
    // Set when we kill the child on purpose (enough samples, a hang, an abort): the outcome to report
    // once it has exited. Settling only then keeps the p-limit slot taken until the process is gone.
    let stopped: { outcome: AudioError | undefined } | undefined
    const finish = (err: AudioError | undefined): void => {
      if (settled) return
      settled = true
      clearInterval(watchdog)
      clearTimeout(reapTimer)
      request.signal?.removeEventListener('abort', abort)
      if (err) reject(err)
      else resolve({ ...meter.finish(), decodedSec: meter.sampleCount / options.sampleRate })
    }
    let reapTimer: NodeJS.Timeout | undefined
    const stop = (outcome: AudioError | undefined): void => {
      if (stopped !== undefined) return
      stopped = { outcome }
      command.kill('SIGKILL')
      // SIGKILL cannot be ignored, but a child in uninterruptible I/O may take a moment to be reaped.
      reapTimer = setTimeout(() => finish(outcome), 5_000)
    }
    const hung = (reason: string) => () =>
      stop(
        new AudioError(
          'AUDIO_FFMPEG_TIMEOUT',
          `${reason}; ffmpeg killed (${request.url} @ ${request.offsetSec} s)`,
        ),
      )
    // One watchdog per child rather than a timer re-armed per pipe chunk (thousands per segment):
    // it notices a stall within a quarter of the stall timeout.
    const startedAt = Date.now()
    let lastOutputAt = startedAt
    const watchdog = setInterval(
      () => {
        const now = Date.now()
        if (now - lastOutputAt >= options.stallTimeoutMs) hung(`no audio for ${options.stallTimeoutMs} ms`)()
        else if (now - startedAt >= options.deadlineMs) hung(`decode exceeded ${options.deadlineMs} ms`)()
      },
      Math.max(10, Math.min(1_000, options.stallTimeoutMs / 4)),
    )
    const abort = () =>
      stop(new AudioError('AUDIO_ABORTED', `decode of ${request.url} @ ${request.offsetSec} s aborted`))
    request.signal?.addEventListener('abort', abort, { once: true })

    // emitClose: false — fluent-ffmpeg treats the output stream's 'close' as a failure if the process
    // has not exited within 20 ms, which a loaded machine easily misses; the process exit decides.
    const sink = new Writable({
      emitClose: false,
      write(chunk: Buffer, _encoding, done) {
        if (stopped === undefined) {
          const take = Math.min(chunk.length, wantedBytes - receivedBytes)
          meter.push(take === chunk.length ? chunk : chunk.subarray(0, take))
          receivedBytes += take
          lastOutputAt = Date.now()
          if (receivedBytes >= wantedBytes) stop(undefined)
        }
        done()
      },
    })

    command
      .on('error', (err: Error, _stdout: string | null, stderr: string | null) => {
        if (stopped !== undefined) return finish(stopped.outcome)
        finish(classifyFfmpegFailure(err, stderr ?? '', request.url))
      })
      .on('end', () => {
        if (stopped !== undefined) return finish(stopped.outcome)
        // The child has exited; the pipe may still hold the last chunk, so wait for the sink to drain.
        if (sink.writableFinished) return finish(checkComplete(request, meter, options))
        sink.once('finish', () => finish(checkComplete(request, meter, options)))
      })
      .pipe(sink, { end: true })
  })
}

function checkComplete(
  request: SegmentRequest,
  meter: LoudnessMeter,
  options: DecodeOptions,
): AudioError | undefined {
  const decodedSec = meter.sampleCount / options.sampleRate
  if (decodedSec >= request.durationSec - options.truncationToleranceSec) return undefined
  return new AudioError(
    'AUDIO_TRUNCATED',
    `media ends ${decodedSec.toFixed(1)} s into a ${request.durationSec.toFixed(1)} s segment at ${request.offsetSec} s of ${request.url}`,
  )
}
