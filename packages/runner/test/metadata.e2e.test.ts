import type { JobView, SubmitLinksResponse, VideoView } from '@vodscope/contracts'
import { WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startPipeline } from '../src/pipeline.js'

const links = {
  twitch: `https://www.twitch.tv/videos/${WELL_KNOWN_VIDEOS.twitchHour.videoId}`,
  soop: `https://vod.sooplive.co.kr/player/${WELL_KNOWN_VIDEOS.soopMultipart.videoId}`,
  youtube: `https://www.youtube.com/watch?v=${WELL_KNOWN_VIDEOS.youtubeStream.videoId}`,
}

describe('gateway → Kafka → extractor → MongoDB → gateway, against the simulator', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>
  beforeAll(async () => {
    pipeline = await startPipeline({ replicas: { gateway: 1, extractor: 1 } })
  }, 120_000)
  afterAll(async () => {
    await pipeline?.stop()
  }, 60_000)

  const getJson = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${pipeline.gateway}${path}`)
    return { status: res.status, body: (await res.json()) as T }
  }

  it('stores metadata that matches the simulator truth for one link per platform', async () => {
    const res = await fetch(`${pipeline.gateway}/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ links: Object.values(links) }),
    })
    expect(res.status).toBe(202)
    const submitted = (await res.json()) as SubmitLinksResponse
    expect(submitted.accepted).toBe(3)

    for (const result of submitted.results) {
      if (result.status !== 'accepted') throw new Error(`rejected: ${result.message}`)
      const job = await eventually(async () => {
        const { body } = await getJson<JobView>(`/v1/jobs/${result.jobId}`)
        return body.stages?.metadata.status === 'done' ? body : undefined
      })
      expect(job.videoKey).toBe(result.videoKey)

      const { status, body: video } = await getJson<VideoView>(`/v1/videos/${result.videoKey}`)
      expect(status).toBe(200)
      const truth = pipeline.sim.truth(video.platform, video.videoId)
      expect(video.title).toBe(truth.title)
      expect(video.durationSec).toBeCloseTo(truth.durationSec, 0)
      expect(video.channel.name).toBe(truth.channel.name)
      expect(video.parts.length).toBe(truth.parts.length)
      for (const [i, part] of video.parts.entries()) {
        expect(part.startSec).toBeCloseTo(truth.parts[i]!.startSec, 0)
        expect(part.durationSec).toBeCloseTo(truth.parts[i]!.durationSec, 0)
      }
    }
  }, 120_000)

  it('ends the job of a deleted video as failed with the reason', async () => {
    const res = await fetch(`${pipeline.gateway}/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        links: [`https://www.twitch.tv/videos/${WELL_KNOWN_VIDEOS.twitchDeleted.videoId}`],
      }),
    })
    const [result] = ((await res.json()) as SubmitLinksResponse).results
    if (result?.status !== 'accepted') throw new Error('expected the link to be accepted')
    const job = await eventually(async () => {
      const { body } = await getJson<JobView>(`/v1/jobs/${result.jobId}`)
      return body.stages?.metadata.status === 'failed' ? body : undefined
    })
    expect(job.stages.metadata.error?.message).toMatch(/not found|does not exist|deleted/i)
    expect(job.finished).toBe(true)
  }, 120_000)
})
