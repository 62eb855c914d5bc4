import { execFile, execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { lufs, stitchSeries } from '@vodscope/highlights'
import { beforeAll, describe, expect, it } from 'vitest'
import { AudioError } from '../src/errors.js'
import { type DecodeOptions, decodeSegment } from '../src/ffmpeg/decode-segment.js'
import { resolveFfmpeg } from '../src/ffmpeg/ffmpeg-path.js'
import { SegmentDecoder } from '../src/ffmpeg/segment-decoder.js'
import { LoudnessMeter } from '../src/loudness/loudness-meter.js'
import { generateAudio } from './helpers/generate-audio.js'
import { useTempDir } from './helpers/temp-dir.js'

const options: DecodeOptions = {
  ffmpegPath: resolveFfmpeg().path,
  protocols: 'file', // fixtures are local files; production allows https and what it rides on only
  sampleRate: 8000,
  stallTimeoutMs: 10_000,
  deadlineMs: 60_000,
  truncationToleranceSec: 1,
}

async function failure(promise: Promise<unknown>): Promise<AudioError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AudioError)
  return err as AudioError
}

describe('decodeSegment', () => {
  const tmp = useTempDir()
  let dir: string
  let sine: string
  beforeAll(async () => {
    dir = tmp()
    sine = join(dir, 'sine.wav')
    await generateAudio(sine, { durationSec: 30, bed: 'sine', amplitude: 0.1 })
  })

  it('measures a −20 dBFS 1 kHz sine as −23 LUFS per second through ffmpeg', async () => {
    const m = await decodeSegment({ url: sine, offsetSec: 0, durationSec: 10, startSec: 0 }, options)
    expect(m.decodedSec).toBe(10)
    expect(m.samples).toHaveLength(10)
    for (const [i, sum] of m.sumSquares.entries())
      expect(lufs(sum, m.samples[i] as number)).toBeCloseTo(-23, 0)
  })

  it('measures the same PCM as ffmpeg writes when asked for it in one piece', async () => {
    // The decoder's output options (buffered writes, exact sample count) must not change a sample:
    // the reference is ffmpeg's whole output, with the same resampler, metered in one push.
    const noise = join(dir, 'reference.wav')
    await generateAudio(noise, { durationSec: 12, bed: 'white', amplitude: 0.2 })
    const { stdout } = await promisify(execFile)(
      options.ffmpegPath,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-i',
        noise,
        '-ac',
        '1',
        '-af',
        'aresample=8000:filter_size=16:phase_shift=8',
      ].concat(['-t', '10', '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1']),
      { encoding: 'buffer', maxBuffer: 1 << 24 },
    )
    const reference = new LoudnessMeter(8000, 0)
    reference.push(stdout)
    const expected = reference.finish()
    const m = await decodeSegment({ url: noise, offsetSec: 0, durationSec: 10, startSec: 0 }, options)
    expect(m.samples).toEqual(expected.samples)
    for (const [i, sum] of m.sumSquares.entries())
      expect(Math.abs(sum / (expected.sumSquares[i] as number) - 1)).toBeLessThan(1e-9)
  })

  it('seeks into the media and bins in VOD time', async () => {
    const m = await decodeSegment({ url: sine, offsetSec: 12.5, durationSec: 5, startSec: 112.5 }, options)
    expect(m.firstSec).toBe(112)
    expect(m.samples).toEqual([4000, 8000, 8000, 8000, 8000, 4000])
  })

  it('stitches segments cut mid-second into the same series as one decode', async () => {
    const noisy = join(dir, 'noisy.wav')
    await generateAudio(noisy, {
      durationSec: 20,
      bed: 'pink',
      amplitude: 0.1,
      moments: [{ atSec: 6, durSec: 4, gainDb: 12 }],
    })
    const whole = await decodeSegment({ url: noisy, offsetSec: 0, durationSec: 20, startSec: 0 }, options)
    const parts = await Promise.all(
      [0, 7.5, 13].map((at, i, cuts) => {
        const end = cuts[i + 1] ?? 20
        return decodeSegment({ url: noisy, offsetSec: at, durationSec: end - at, startSec: at }, options)
      }),
    )
    const stitch = { durationSec: 20, sampleRate: 8000, maxMissingSec: 0 }
    const a = stitchSeries([whole], stitch)
    const b = stitchSeries(parts, stitch)
    for (const [i, v] of b.entries()) expect(v).toBeCloseTo(a[i] as number, 1)
    expect((a[7] as number) - (a[2] as number)).toBeGreaterThan(10)
  })

  it('cuts HLS at the requested sample, so segments stitch like one decode', async () => {
    const playlist = join(dir, 'hls', 'index.m3u8')
    await mkdir(join(dir, 'hls'))
    await generateAudio(playlist, {
      durationSec: 90,
      bed: 'pink',
      amplitude: 0.05,
      moments: [{ atSec: 57, durSec: 6, gainDb: 15 }],
    })
    const cuts = [0, 30, 61.5, 90]
    const whole = await decodeSegment({ url: playlist, offsetSec: 0, durationSec: 90, startSec: 0 }, options)
    const parts = await Promise.all(
      cuts.slice(0, -1).map((at, i) => {
        const durationSec = (cuts[i + 1] as number) - at
        return decodeSegment({ url: playlist, offsetSec: at, durationSec, startSec: at }, options)
      }),
    )
    expect(parts.map((p) => p.decodedSec)).toEqual([30, 31.5, 28.5])
    const stitch = { durationSec: 90, sampleRate: 8000, maxMissingSec: 0 }
    const a = stitchSeries([whole], stitch)
    const b = stitchSeries(parts, stitch)
    for (const [i, v] of b.entries()) expect(v).toBeCloseTo(a[i] as number, 1)
  })

  it('fails a corrupt file with AUDIO_DECODE_FAILED and the reason', async () => {
    const bad = join(dir, 'bad.m4a')
    await writeFile(bad, 'this is not audio at all'.repeat(100))
    const err = await failure(
      decodeSegment({ url: bad, offsetSec: 0, durationSec: 10, startSec: 0 }, options),
    )
    expect(err.code).toBe('AUDIO_DECODE_FAILED')
    expect(err.retryable).toBe(false)
    expect(err.message).toMatch(/Invalid data/)
  })

  it('refuses to open a protocol outside the whitelist (a local file when only https is allowed)', async () => {
    const err = await failure(
      decodeSegment(
        { url: sine, offsetSec: 0, durationSec: 10, startSec: 0 },
        { ...options, protocols: 'https,tls,tcp,crypto' },
      ),
    )
    expect(err.code).toBe('AUDIO_DECODE_FAILED')
    expect(err.message).toMatch(/not on whitelist/)
  })

  it('fails media shorter than its segment with AUDIO_TRUNCATED', async () => {
    const err = await failure(
      decodeSegment({ url: sine, offsetSec: 20, durationSec: 30, startSec: 20 }, options),
    )
    expect(err.code).toBe('AUDIO_TRUNCATED')
    expect(err.message).toMatch(/ends 10\.0 s into a 30\.0 s segment/)
  })

  it('kills an ffmpeg that hangs on its input and reports AUDIO_FFMPEG_TIMEOUT', async () => {
    // Nobody ever writes the FIFO: ffmpeg blocks in open() forever, a stand-in for a stuck stream.
    const fifo = join(dir, 'never.fifo')
    execFileSync('mkfifo', [fifo])
    const started = Date.now()
    const err = await failure(
      decodeSegment(
        { url: fifo, offsetSec: 0, durationSec: 10, startSec: 0 },
        { ...options, stallTimeoutMs: 1500 },
      ),
    )
    expect(err.code).toBe('AUDIO_FFMPEG_TIMEOUT')
    expect(err.retryable).toBe(true)
    expect(err.message).toMatch(/no audio for 1500 ms; ffmpeg killed/)
    expect(Date.now() - started).toBeLessThan(5000)
    const children = execFileSync('ps', ['-eo', 'args']).toString()
    expect(children).not.toContain(fifo)
  })

  it('kills the child when the worker aborts the segment', async () => {
    const fifo = join(dir, 'abort.fifo')
    execFileSync('mkfifo', [fifo])
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 200)
    const err = await failure(
      decodeSegment(
        { url: fifo, offsetSec: 0, durationSec: 10, startSec: 0, signal: controller.signal },
        options,
      ),
    )
    expect(err.code).toBe('AUDIO_ABORTED')
    expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toContain(fifo)
  })
})

describe('SegmentDecoder', () => {
  const tmp = useTempDir()

  it('never runs more ffmpeg children than maxProcesses', async () => {
    const file = join(tmp(), 'short.wav')
    await generateAudio(file, { durationSec: 4, bed: 'white', amplitude: 0.1 })
    const decoder = new SegmentDecoder({ ...options, maxProcesses: 2 })
    let maxActive = 0
    const timer = setInterval(() => {
      maxActive = Math.max(maxActive, decoder.load.active)
    }, 2)
    const runs = Array.from({ length: 6 }, () =>
      decoder.measure({ url: file, offsetSec: 0, durationSec: 4, startSec: 0 }),
    )
    expect(decoder.load).toEqual({ active: 2, pending: 4 })
    await Promise.all(runs)
    clearInterval(timer)
    expect(maxActive).toBe(2)
  })
})
