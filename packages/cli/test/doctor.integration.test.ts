import { createPlatforms, UPSTREAMS } from '@vodscope/platforms'
import { startSim, WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it, onTestFinished } from 'vitest'
import { parseInvocation } from '../src/args.js'
import { runCommand } from '../src/commands.js'
import { doctorTargets, formatDoctor, runDoctor } from '../src/doctor.js'

const { youtubeStream, twitchShort, soopShort } = WELL_KNOWN_VIDEOS
const LINKS = [
  `https://www.youtube.com/watch?v=${youtubeStream.videoId}`,
  `https://www.twitch.tv/videos/${twitchShort.videoId}`,
  `https://vod.sooplive.co.kr/player/${soopShort.videoId}`,
]

async function simAndPlatforms() {
  const sim = await startSim({ port: 0, logLevel: 'silent' })
  const platforms = createPlatforms({
    baseUrls: Object.fromEntries(UPSTREAMS.map((u) => [u, sim.url])),
    timeoutMs: 5_000,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    limits: { ratePerSec: 1000 },
  })
  onTestFinished(async () => {
    await platforms.close()
    await sim.close()
  })
  return { sim, platforms }
}

function output() {
  let text = ''
  const write = (chunk: string) => {
    text += chunk
    return true
  }
  const stream = { write } as unknown as NodeJS.WritableStream
  return { io: { out: stream, err: stream }, text: () => text }
}

describe('vodscope doctor against upstream-sim', () => {
  it('should run metadata, two chat pages and audio for one VOD per platform: 9/9 ok', async () => {
    const { platforms } = await simAndPlatforms()
    const rows = await runDoctor(doctorTargets(LINKS), platforms)
    expect(rows.map((r) => `${r.platform} ${r.operation}`)).toEqual([
      'youtube metadata',
      'youtube chat',
      'youtube audio',
      'twitch metadata',
      'twitch chat',
      'twitch audio',
      'soop metadata',
      'soop chat',
      'soop audio',
    ])
    expect(rows.filter((r) => !r.ok)).toEqual([])
    expect(rows.find((r) => r.platform === 'youtube' && r.operation === 'chat')?.reason).toMatch(/^2 pages/)
    expect(formatDoctor(rows)).toContain('9/9 ok')
  })

  it('should name the failure and exit non-zero when YouTube demands sign-in', async () => {
    const { sim } = await simAndPlatforms()
    sim.config({ faults: [{ kind: 'youtube-sign-in' }] })
    const { io, text } = output()
    const code = await runCommand(parseInvocation(['doctor', ...LINKS]), io, {
      VODSCOPE_UPSTREAM_URL: sim.url,
    })
    expect(code).toBe(1)
    const youtubeRows = text()
      .split('\n')
      .filter((line) => line.startsWith('youtube '))
    expect(youtubeRows).toHaveLength(3)
    expect(youtubeRows[0]).toMatch(
      /^youtube metadata\s+FAILED\s+\d+ ms\s+PLATFORM_SIGN_IN_REQUIRED: .*not a bot/,
    )
    expect(youtubeRows[2]).toMatch(/^youtube audio\s+FAILED\s+.*skipped: metadata failed/)
    expect(youtubeRows[1]).toMatch(/^youtube chat\s+FAILED\s+.*skipped: metadata failed/)
    expect(text()).toContain('6/9 ok, 3 failed')
    expect(text()).toMatch(/^twitch audio\s+ok\b/m)
  })

  it('should fail the audio row when the resolved stream is refused', async () => {
    const { platforms } = await simAndPlatforms()
    const rows = await runDoctor(doctorTargets(LINKS.slice(0, 1)), platforms, async () => 403)
    expect(rows.find((r) => r.operation === 'audio')).toMatchObject({
      ok: false,
      reason: 'resolved, but the file URL answered HTTP 403',
    })
  })

  it('should check one default VOD per platform when given no links, overridable per platform', () => {
    const targets = doctorTargets([], { VODSCOPE_DOCTOR_TWITCH_URL: 'https://www.twitch.tv/videos/42' })
    expect(targets.map((t) => t.platform)).toEqual(['youtube', 'twitch', 'soop'])
    expect(targets[1]).toEqual({ platform: 'twitch', videoId: '42' })
  })
})
