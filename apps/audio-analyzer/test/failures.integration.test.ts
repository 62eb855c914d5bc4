import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AudioSegmentV1, COLLECTIONS, codecs, namespace, TOPICS } from '@vodscope/contracts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DECODER_DEFAULTS } from '../src/ffmpeg/segment-decoder.js'
import { finished, isolatedPipeline, type Pipeline } from './helpers/pipeline.js'

// Two attempts a tenth of a second apart: failures surface in seconds, not minutes.
const FAST_RETRY = {
  VODSCOPE_AUDIO_SEGMENTS_RETRY_ATTEMPTS: '2',
  VODSCOPE_AUDIO_SEGMENTS_RETRY_BASE_MS: '100',
  VODSCOPE_AUDIO_SEGMENTS_RETRY_MAX_MS: '200',
}

describe('audio stage failures on the real broker and database', () => {
  let pipe: Pipeline
  let dir: string
  beforeEach(async () => {
    pipe = await isolatedPipeline()
    dir = await mkdtemp(join(tmpdir(), 'audio-fail-'))
  })
  afterEach(async () => {
    await pipe.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function videoDoc(videoKey: string) {
    return pipe.db
      .collection<{ _id: string; audio?: { status: string; reason?: string } }>(COLLECTIONS.videos)
      .findOne({ _id: videoKey })
  }

  it('corrupt media should end the audio stage with AUDIO_DECODE_FAILED and skip the highlights', async () => {
    const corrupt = join(dir, 'corrupt.m4a')
    await writeFile(corrupt, Buffer.alloc(64 * 1024, 0x5a))
    await pipe.start(
      {},
      { env: FAST_RETRY, resolveSource: async () => [{ index: 0, kind: 'file', url: corrupt }] },
    )
    const { jobId, videoKey } = await pipe.submit('twitch', '770030000')
    const job = await pipe.waitForJob(
      jobId,
      (j) => finished(j.stages.audio.status) && finished(j.stages.highlights.status),
    )
    expect(job.stages.audio.status).toBe('failed')
    expect(job.stages.audio.error?.code).toBe('AUDIO_DECODE_FAILED')
    expect(job.stages.audio.error?.message).toMatch(/ffmpeg could not decode .*corrupt\.m4a: .*Invalid data/)
    expect(job.stages.highlights.status).toBe('skipped')
    expect((await videoDoc(videoKey))?.audio).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^AUDIO_DECODE_FAILED: /),
    })
    expect(await pipe.highlights(videoKey)).toBeNull()
  })

  it('a hanging ffmpeg should be killed, retried, and end the audio stage with AUDIO_FFMPEG_TIMEOUT', async () => {
    // Nobody writes the FIFO: every ffmpeg that opens it blocks forever.
    const fifo = join(dir, 'stuck.fifo')
    execFileSync('mkfifo', [fifo])
    await pipe.start(
      { decoder: { ...DECODER_DEFAULTS, stallTimeoutMs: 1_500 } },
      { env: FAST_RETRY, resolveSource: async () => [{ index: 0, kind: 'file', url: fifo }] },
    )
    const { jobId } = await pipe.submit('twitch', '770010000')
    const job = await pipe.waitForJob(jobId, (j) => finished(j.stages.audio.status), 60_000)
    expect(job.stages.audio.status).toBe('failed')
    expect(job.stages.audio.error?.code).toBe('AUDIO_FFMPEG_TIMEOUT')
    expect(job.stages.audio.error?.message).toMatch(/no audio for 1500 ms; ffmpeg killed/)
    expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toContain(fifo)
  })

  it('a stalled media server should end the audio stage with a clear timeout', async () => {
    // The simulator holds every media request for a minute: ffmpeg waits on the socket, not a FIFO.
    pipe.sim.config({ faults: [{ kind: 'timeout', match: 'media' }] })
    await pipe.start({ decoder: { ...DECODER_DEFAULTS, stallTimeoutMs: 2_000 } }, { env: FAST_RETRY })
    const { jobId } = await pipe.submit('twitch', '770010000')
    const job = await pipe.waitForJob(jobId, (j) => finished(j.stages.audio.status), 60_000)
    expect(job.stages.audio.error?.code).toBe('AUDIO_FFMPEG_TIMEOUT')
  })
})

describe('media URLs from upstream answers and from the segments topic', () => {
  let pipe: Pipeline
  beforeEach(async () => {
    pipe = await isolatedPipeline()
  })
  afterEach(() => pipe.close())

  it('the planner should refuse a media URL off the platform’s media hosts and fail the audio stage', async () => {
    await pipe.start(
      {},
      {
        resolveSource: async () => [
          { index: 0, kind: 'hls', url: 'http://169.254.169.254/latest/meta-data/?sig=SECRET' },
        ],
      },
    )
    const { jobId } = await pipe.submit('soop', '770030001')
    const job = await pipe.waitForJob(jobId, (j) => finished(j.stages.audio.status), 60_000)
    expect(job.stages.audio.status).toBe('failed')
    expect(job.stages.audio.error?.code).toBe('PLATFORM_MEDIA_URL_REFUSED')
    expect(job.stages.audio.error?.message).not.toContain('SECRET')
  })

  it('the segment worker should refuse a file: URL on the topic, fail the job and never start ffmpeg', async () => {
    await pipe.start({ role: 'segments' })
    const { jobId, videoKey, platform, videoId } = await pipe.submit('twitch', '770030002')
    const segment: AudioSegmentV1 = {
      version: 1,
      jobId,
      videoKey,
      platform,
      videoId,
      segmentIndex: 0,
      segmentCount: 1,
      startSec: 0,
      endSec: 60,
      source: { kind: 'file', url: 'file:///etc/passwd', offsetSec: 0 },
    }
    await pipe.producer.send({
      topic: namespace(pipe.infra.topicPrefix).topics.audioSegments,
      messages: [{ key: `${videoKey}:0`, value: codecs[TOPICS.audioSegments].encode(segment) }],
    })
    const job = await pipe.waitForJob(jobId, (j) => finished(j.stages.audio.status), 60_000)
    expect(job.stages.audio.error?.code).toBe('PLATFORM_MEDIA_URL_REFUSED')
    expect(job.stages.audio.error?.message).toMatch(/file:/)
  })
})
