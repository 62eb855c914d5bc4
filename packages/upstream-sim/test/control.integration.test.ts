import { describe, expect, it, vi } from 'vitest'
import { WELL_KNOWN_VIDEOS } from '../src/index.js'
import { postGql, startTestSim } from './helpers.js'

const { twitchShort, soopShort } = WELL_KNOWN_VIDEOS
const videoQuery = { query: `query { video(id: "${twitchShort.videoId}") { title } }` }

describe('faults, latency and counters', () => {
  it('should answer 429 with Retry-After for the next N matching requests only', async () => {
    const sim = await startTestSim({
      faults: [{ kind: 'rate-limit', match: 'twitch.gql', times: 2, retryAfterSec: 3 }],
    })
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${sim.url}/gql`, {
        method: 'POST',
        headers: { 'client-id': 'x', 'content-type': 'application/json' },
        body: JSON.stringify(videoQuery),
      })
      statuses.push([response.status, response.headers.get('retry-after')])
    }
    expect(statuses).toEqual([
      [429, '3'],
      [429, '3'],
      [200, null],
    ])
    expect(sim.counters().faults).toEqual({ 'twitch.gql.video rate-limit': 2 })
  })

  it('should express a gql-error in band: HTTP 200, errors, comments null', async () => {
    const sim = await startTestSim({ faults: [{ kind: 'gql-error', times: 1 }] })
    const op = {
      operationName: 'VideoCommentsByOffsetOrCursor',
      variables: { videoID: twitchShort.videoId, contentOffsetSeconds: 0 },
      extensions: {
        persistedQuery: {
          version: 1,
          sha256Hash: 'b70a3591ff0f4e0313d126c6a1502d79a1c02baebb288227c582044aa76adf6a',
        },
      },
    }
    const { status, body } = await postGql(sim, op)
    expect(status).toBe(200)
    expect(body.errors).toHaveLength(1)
    expect(body.data.video.comments).toBeNull()
  })

  it('should fail server errors with the configured status, and reset connections', async () => {
    const sim = await startTestSim()
    sim.config({ faults: [{ kind: 'server-error', match: 'soop', status: 502 }] })
    expect((await fetch(`${sim.url}/php/ChatLoadSplit.php?rowKey=x_c&startTime=0`)).status).toBe(502)
    sim.config({ faults: [{ kind: 'reset', match: 'soop' }] })
    await expect(fetch(`${sim.url}/php/ChatLoadSplit.php?rowKey=x_c&startTime=0`)).rejects.toThrow()
    sim.config({ faults: [] })
    expect((await fetch(`${sim.url}/php/ChatLoadSplit.php?rowKey=x_c&startTime=0`)).status).toBe(200)
  })

  it('should hold a request on a timeout fault and let it go when the client gives up', async () => {
    const sim = await startTestSim({ stallMs: 60_000, faults: [{ kind: 'timeout', match: 'youtube.watch' }] })
    const started = Date.now()
    await expect(
      fetch(`${sim.url}/watch?v=${WELL_KNOWN_VIDEOS.youtubeStream.videoId}`, {
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(5000)
    await vi.waitFor(() => expect(sim.counters().inFlight.byHost).toEqual({}), { timeout: 2000 })
  })

  it('should add latency per endpoint prefix', async () => {
    const sim = await startTestSim({ endpointLatencyMs: { 'soop.vod-info': 300 } })
    const timed = async (path: string, init?: RequestInit) => {
      const started = Date.now()
      await (await fetch(`${sim.url}${path}`, init)).text()
      return Date.now() - started
    }
    const form = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `nTitleNo=${soopShort.videoId}`,
    }
    expect(await timed('/station/video/a/view', form)).toBeGreaterThanOrEqual(290)
    expect(await timed('/php/ChatLoadSplit.php?rowKey=x_c&startTime=0')).toBeLessThan(250)
  })

  it('should count requests and the most in flight at once per host and endpoint, until reset', async () => {
    const sim = await startTestSim({ latencyMs: 200 })
    await Promise.all(Array.from({ length: 5 }, () => postGql(sim, videoQuery)))
    const counters = sim.counters()
    expect(counters.requests['twitch.gql.video']).toBe(5)
    expect(counters.maxInFlight.byHost['gql.twitch.tv']).toBe(5)
    expect(counters.maxInFlight.byEndpoint['twitch.gql.video']).toBe(5)
    const reset = await (await fetch(`${sim.url}/__counters/reset`, { method: 'POST' })).json()
    expect(reset).toMatchObject({ requests: {}, maxInFlight: { total: 0 } })
  })

  it('should change configuration over HTTP and mark videos deleted at run time', async () => {
    const sim = await startTestSim()
    const response = await fetch(`${sim.url}/__config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ videoStatus: { [`twitch:${twitchShort.videoId}`]: 'deleted' } }),
    })
    expect(((await response.json()) as any).videoStatus).toEqual({
      [`twitch:${twitchShort.videoId}`]: 'deleted',
    })
    expect((await postGql(sim, videoQuery)).body.data.video).toBeNull()
    const truth = (await (await fetch(`${sim.url}/__truth/twitch/${twitchShort.videoId}`)).json()) as any
    expect(truth.status).toBe('deleted')
    const bad = await fetch(`${sim.url}/__config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"latencyMs":-1}',
    })
    expect(bad.status).toBe(400)
  })
})
