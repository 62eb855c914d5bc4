import type { JobView, SubmitLinksResponse, VideoView } from '@vodscope/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startPipeline } from '../src/pipeline.js'

// Encoded simulator ids: 77 MMMM RRR (minutes, chat messages per minute) + free digits.
const VODS = [
  { link: 'https://www.twitch.tv/videos/770030060101', platform: 'twitch' },
  { link: 'https://vod.sooplive.co.kr/player/770030060102', platform: 'soop' },
  { link: 'https://www.youtube.com/watch?v=s0030060abc', platform: 'youtube' },
] as const
const TOLERANCE_SEC = 10

describe('every stage, every platform: links in, ranked highlights out', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>
  beforeAll(async () => {
    pipeline = await startPipeline({
      replicas: { gateway: 1, extractor: 1, 'chat-crawler': 1, 'audio-analyzer': 1 },
      env: { VODSCOPE_AUDIO_SEGMENT_SEC: '300', VODSCOPE_CHAT_CHUNK_SEC: '120' },
    })
  }, 120_000)
  afterAll(async () => {
    await pipeline?.stop()
  }, 60_000)

  const getJson = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${pipeline.gateway}${path}`)).json()) as T

  it('finishes each job with chat statistics and highlights at the simulator’s true moments', async () => {
    const res = await fetch(`${pipeline.gateway}/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ links: VODS.map((v) => v.link) }),
    })
    expect(res.status).toBe(202)
    const { results } = (await res.json()) as SubmitLinksResponse

    for (const result of results) {
      if (result.status !== 'accepted') throw new Error(`rejected: ${result.message}`)
      const job = await eventually(async () => {
        const view = await getJson<JobView>(`/v1/jobs/${result.jobId}`)
        return view.finished ? view : undefined
      }, 240_000).catch((err: Error) => {
        throw new Error(`${err.message}\n${pipeline.lines.slice(-40).join('\n')}`)
      })
      for (const stage of ['metadata', 'chat', 'audio', 'highlights'] as const) {
        expect(job.stages[stage], `${result.videoKey} ${stage}`).toMatchObject({
          status: 'done',
          error: null,
        })
      }

      const video = await getJson<VideoView>(`/v1/videos/${result.videoKey}`)
      const truth = pipeline.sim.truth(video.platform, video.videoId)
      expect(video.chat?.messageCount).toBe(truth.chat.messageCount)
      expect(video.audio?.analysedSec).toBeGreaterThanOrEqual(truth.durationSec - 1)

      // Every true highlight is among the ranked ones, and the top ones are true highlights.
      const found = video.highlights.map((h) => h.peakSec)
      for (const moment of truth.highlights) {
        expect(
          found.some((at) => Math.abs(at - moment.atSec) <= TOLERANCE_SEC),
          `${result.videoKey} @${moment.atSec}`,
        ).toBe(true)
      }
      const top = video.highlights.slice(0, truth.highlights.length)
      for (const h of top) {
        expect(truth.highlights.some((m) => Math.abs(m.atSec - h.peakSec) <= TOLERANCE_SEC)).toBe(true)
        expect(h.url).toContain(video.videoId)
      }
      expect(video.highlights.map((h) => h.rank)).toEqual(video.highlights.map((_, i) => i + 1))
    }
  }, 600_000)
})
