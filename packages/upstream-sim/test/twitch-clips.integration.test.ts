import { describe, expect, it } from 'vitest'
import { WELL_KNOWN_VIDEOS } from '../src/index.js'
import { postGql, startTestSim } from './helpers.js'

const { twitchLong } = WELL_KNOWN_VIDEOS
const ANDROID = { 'client-id': 'kd1unb4b3q4t58fwlpcbzcbnm76a8fp' }
const WEB = { 'client-id': 'kimne78kx3ncx6brgo4mv6wki5h1ko' }

interface ClipNode {
  id: string
  slug: string
  viewCount: number
  videoOffsetSeconds: number | null
  video: { id: string } | null
}
type Edge = { cursor: string; node: ClipNode }

function clipsQuery(login: string, args: string) {
  return {
    query: `query{user(login:"${login}"){clips(${args}) { edges { cursor, node { id, slug, title, viewCount, videoOffsetSeconds, video { id } } }, pageInfo { hasNextPage } }}}`,
    variables: {},
  }
}

/** Asks the metadata query first, as a client must to learn the channel login. */
async function loginOf(sim: Awaited<ReturnType<typeof startTestSim>>, videoId: string): Promise<string> {
  const { body } = await postGql(sim, { query: `query{video(id:"${videoId}"){owner{login}}}` }, WEB)
  return body.data.video.owner.login
}

describe('twitch GQL: a channel’s clips', () => {
  it('should list the VOD’s truth moments as clips among the channel’s others, most-viewed first, paged', async () => {
    const sim = await startTestSim()
    const login = await loginOf(sim, twitchLong.videoId)
    const nodes: ClipNode[] = []
    let after = ''
    for (let page = 0; page < 50; page++) {
      const { body } = await postGql(
        sim,
        clipsQuery(login, `first: 7${after}, criteria: { period: ALL_TIME }`),
        ANDROID,
      )
      const clips = body.data.user.clips
      expect(clips.edges.length).toBeLessThanOrEqual(7)
      nodes.push(...clips.edges.map((e: Edge) => e.node))
      if (!clips.pageInfo.hasNextPage) break
      after = `, after: "${clips.edges.at(-1).cursor}"`
    }
    const views = nodes.map((n) => n.viewCount)
    expect(views).toEqual(views.toSorted((a, b) => b - a))
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length)

    const truth = sim.truth('twitch', twitchLong.videoId)
    expect(truth.clips.length).toBe(truth.highlights.length)
    const own = nodes.filter((n) => n.video?.id === twitchLong.videoId)
    expect(
      own.map((n) => ({ slug: n.slug, offsetSec: n.videoOffsetSeconds, viewCount: n.viewCount })),
    ).toEqual(truth.clips.map((c) => ({ slug: c.slug, offsetSec: c.offsetSec, viewCount: c.viewCount })))
    for (const clip of truth.clips) {
      expect(clip.offsetSec).toBeLessThanOrEqual(clip.atSec)
      expect(clip.atSec - clip.offsetSec).toBeLessThanOrEqual(8)
    }
    // Clips of the channel's other VODs, and of VODs that are gone (no video, no offset).
    expect(nodes.length).toBeGreaterThan(own.length)
    expect(nodes.some((n) => n.video === null && n.videoOffsetSeconds === null)).toBe(true)
  })

  it('should leave out clips older than the period', async () => {
    const sim = await startTestSim()
    const login = await loginOf(sim, twitchLong.videoId)
    const { body } = await postGql(
      sim,
      clipsQuery(login, 'first: 100, criteria: { period: LAST_DAY }'),
      ANDROID,
    )
    // The simulated VOD streamed in 2024–2025: none of its clips is from the last day.
    const ids = body.data.user.clips.edges.map((e: Edge) => e.node.video?.id)
    expect(ids).not.toContain(twitchLong.videoId)
  })

  it('should drop the clips of a VOD deleted after it was described', async () => {
    const sim = await startTestSim()
    const login = await loginOf(sim, twitchLong.videoId)
    const listed = async () => {
      const query = clipsQuery(login, 'first: 100, criteria: { period: ALL_TIME }')
      const { body } = await postGql(sim, query, ANDROID)
      return body.data.user.clips.edges.map((e: Edge) => e.node.video?.id)
    }
    expect(await listed()).toContain(twitchLong.videoId)
    sim.config({ videoStatus: { [`twitch:${twitchLong.videoId}`]: 'deleted' } })
    expect(await listed()).not.toContain(twitchLong.videoId)
  })

  it('should refuse what Twitch refuses: web Client-ID, unknown period, oversized page, bad cursor', async () => {
    const sim = await startTestSim()
    const login = await loginOf(sim, twitchLong.videoId)
    const web = await postGql(sim, clipsQuery(login, 'first: 10, criteria: { period: ALL_TIME }'), WEB)
    expect(web.body).toMatchObject({
      data: { user: null },
      errors: [{ message: 'failed integrity check' }],
      extensions: { challenge: { type: 'integrity' } },
    })
    const period = await postGql(sim, clipsQuery(login, 'first: 10, criteria: { period: FOREVER }'), ANDROID)
    expect(period.body.data).toBeNull()
    expect(period.body.errors[0].message).toContain('Expected type "ClipsPeriod", found FOREVER')
    const big = await postGql(sim, clipsQuery(login, 'first: 101, criteria: { period: ALL_TIME }'), ANDROID)
    expect(big.body).toMatchObject({
      data: { user: null },
      errors: [{ message: expect.stringContaining('first') }],
    })
    const cursor = await postGql(
      sim,
      clipsQuery(login, 'first: 10, after: "bm9wZQ==", criteria: { period: ALL_TIME }'),
      ANDROID,
    )
    expect(cursor.body).toMatchObject({ data: { user: null }, errors: [{ message: 'invalid cursor' }] })
    expect((await postGql(sim, clipsQuery(login, 'first: 10'), {})).status).toBe(400)
    expect(sim.counters().requests['twitch.gql.clips']).toBe(5)
  })
})
