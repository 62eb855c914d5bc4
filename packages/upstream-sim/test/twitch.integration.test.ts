import { describe, expect, it } from 'vitest'
import { TOKEN_HASHES, TWITCH_VARIANTS, WELL_KNOWN_VIDEOS } from '../src/index.js'
import { commentsOp, postGql, startTestSim } from './helpers.js'

const { twitchShort, twitchDeleted } = WELL_KNOWN_VIDEOS

describe('twitch GQL', () => {
  it('should answer the metadata query like the truth', async () => {
    const sim = await startTestSim()
    const query =
      'query VideoMetadata($id: ID!) { video(id: $id) { title lengthSeconds owner { id displayName } } }'
    const { status, contentType, body } = await postGql(sim, {
      query,
      variables: { id: twitchShort.videoId },
    })
    const truth = sim.truth('twitch', twitchShort.videoId)
    expect(status).toBe(200)
    expect(contentType).toMatch(/^application\/json/)
    expect(body.data.video).toMatchObject({
      title: truth.title,
      lengthSeconds: truth.durationSec,
      owner: { id: truth.channel.id },
    })
  })

  it('should answer video: null for a deleted video and 400 without a Client-ID', async () => {
    const sim = await startTestSim()
    const query = `query { video(id: "${twitchDeleted.videoId}") { title } }`
    expect((await postGql(sim, { query })).body.data.video).toBeNull()
    expect((await postGql(sim, { query }, {})).status).toBe(400)
  })

  it('should page comments by offset then cursor, 50–100 per page, covering the truth exactly', async () => {
    const sim = await startTestSim()
    const videoID = twitchShort.videoId
    const ids: string[] = []
    let variables: Record<string, unknown> = { videoID, contentOffsetSeconds: 0 }
    for (;;) {
      const { body } = await postGql(sim, [commentsOp(variables)])
      const comments = body[0].data.video.comments
      expect(comments.edges.length).toBeLessThanOrEqual(100)
      if (comments.pageInfo.hasNextPage) expect(comments.edges.length).toBeGreaterThanOrEqual(50)
      ids.push(...comments.edges.map((e: any) => e.node.id))
      if (!comments.pageInfo.hasNextPage) break
      variables = { videoID, cursor: comments.edges.at(-1).cursor }
    }
    expect(ids).toEqual(sim.chat('twitch', videoID).map((m) => m.id))
  })

  it('should start a page at the first comment at or after an integer offset', async () => {
    const sim = await startTestSim()
    const { body } = await postGql(
      sim,
      commentsOp({ videoID: twitchShort.videoId, contentOffsetSeconds: 300 }),
    )
    const first = body.data.video.comments.edges[0].node
    expect(first.id).toBe(sim.chat('twitch', twitchShort.videoId, 300)[0]?.id)
    expect(Number.isInteger(first.contentOffsetSeconds)).toBe(true)
  })

  it('should answer zero edges plus an in-band error past the end, and refuse a fractional offset', async () => {
    const sim = await startTestSim()
    const past = await postGql(
      sim,
      commentsOp({ videoID: twitchShort.videoId, contentOffsetSeconds: twitchShort.durationSec + 5 }),
    )
    expect(past.body.data.video.comments.edges).toEqual([])
    expect(past.body.errors[0].message).toBe('service error')
    const fractional = await postGql(
      sim,
      commentsOp({ videoID: twitchShort.videoId, contentOffsetSeconds: 1.5 }),
    )
    expect(fractional.body.data).toBeNull()
  })

  it('should refuse cursor pages sent with the web Client-ID as failing the integrity check', async () => {
    const sim = await startTestSim()
    const web = { 'client-id': 'kimne78kx3ncx6brgo4mv6wki5h1ko' }
    const first = await postGql(
      sim,
      commentsOp({ videoID: twitchShort.videoId, contentOffsetSeconds: 0 }),
      web,
    )
    const cursor = first.body.data.video.comments.edges.at(-1).cursor
    const next = await postGql(sim, commentsOp({ videoID: twitchShort.videoId, cursor }), web)
    expect(next.status).toBe(200)
    expect(next.body).toMatchObject({
      data: { video: null },
      errors: [{ message: 'failed integrity check' }],
      extensions: { challenge: { type: 'integrity' } },
    })
    const android = { 'client-id': 'kd1unb4b3q4t58fwlpcbzcbnm76a8fp' }
    const ok = await postGql(sim, commentsOp({ videoID: twitchShort.videoId, cursor }), android)
    expect(ok.body.data.video.comments.edges.length).toBeGreaterThan(0)
  })

  it('should answer comments: null without an error under a gql-null fault', async () => {
    const sim = await startTestSim({ faults: [{ kind: 'gql-null', times: 1 }] })
    const op = commentsOp({ videoID: twitchShort.videoId, contentOffsetSeconds: 0 })
    const { body } = await postGql(sim, op)
    expect(body.data.video.comments).toBeNull()
    expect(body.errors).toBeUndefined()
    expect((await postGql(sim, op)).body.data.video.comments.edges.length).toBeGreaterThan(0)
  })

  it('should answer lengthSeconds: 0 for a VOD whose length Twitch does not know yet', async () => {
    const sim = await startTestSim()
    const query = `query { video(id: "${TWITCH_VARIANTS.lengthUnknown}") { lengthSeconds } }`
    expect((await postGql(sim, { query })).body.data.video.lengthSeconds).toBe(0)
  })

  it('should refuse an unknown persisted query hash', async () => {
    const sim = await startTestSim()
    const op = {
      ...commentsOp({ videoID: twitchShort.videoId, contentOffsetSeconds: 0 }),
      extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } },
    }
    expect((await postGql(sim, op)).body.errors[0].message).toBe('PersistedQueryNotFound')
  })
})

const TOKEN_QUERY =
  'query PlaybackAccessToken_Template($vodID: ID!, $playerType: String!) { videoPlaybackAccessToken(id: $vodID, params: {platform: "web", playerBackend: "mediaplayer", playerType: $playerType}) { value signature } }'

function tokenOp(vodID: string, hash?: string) {
  return hash === undefined
    ? {
        operationName: 'PlaybackAccessToken_Template',
        query: TOKEN_QUERY,
        variables: { vodID, playerType: 'embed' },
      }
    : {
        operationName: 'PlaybackAccessToken',
        variables: { isLive: false, login: '', isVod: true, vodID, playerType: 'embed', platform: 'site' },
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }
}

describe('twitch playback', () => {
  it('should answer the retired token hash PersistedQueryNotFound, and the current hash and query text a token', async () => {
    const sim = await startTestSim()
    const retired = await postGql(sim, tokenOp(twitchShort.videoId, TOKEN_HASHES.retired[0]))
    expect(retired.body).toMatchObject({ data: null, errors: [{ message: 'PersistedQueryNotFound' }] })
    const current = await postGql(sim, tokenOp(twitchShort.videoId, TOKEN_HASHES.current[0]))
    expect(current.body.data.videoPlaybackAccessToken.signature).toMatch(/^[0-9a-f]{40}$/)
    const text = await postGql(sim, tokenOp(twitchShort.videoId))
    expect(text.body.data.videoPlaybackAccessToken.signature).toMatch(/^[0-9a-f]{40}$/)
  })

  it('should mark the audio rendition STABLE-VARIANT-ID="audio_only" on usher v2, without media groups', async () => {
    const sim = await startTestSim()
    const { value, signature } = (await postGql(sim, tokenOp(twitchShort.videoId))).body.data
      .videoPlaybackAccessToken
    const response = await fetch(
      `${sim.url}/vod/v2/${twitchShort.videoId}.m3u8?${new URLSearchParams({ sig: signature, token: value })}`,
    )
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).toMatch(
      /STABLE-VARIANT-ID="audio_only"[^\n]*\n.*\/media\/twitch\/1000000001\/0\/index\.m3u8/,
    )
    expect(text).not.toContain('#EXT-X-MEDIA')
    expect(text).not.toContain('VIDEO="audio_only"')
  })

  it('should sign a token that usher accepts, and reject a forged one', async () => {
    const sim = await startTestSim()
    const op = tokenOp(twitchShort.videoId)
    const { value, signature } = (await postGql(sim, op)).body.data.videoPlaybackAccessToken
    const usher = (sig: string) =>
      fetch(
        `${sim.url}/vod/${twitchShort.videoId}.m3u8?${new URLSearchParams({ sig, token: value, allow_audio_only: 'true' })}`,
      )
    const ok = await usher(signature)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('application/vnd.apple.mpegurl')
    expect(await ok.text()).toMatch(/VIDEO="audio_only"\n.*\/media\/twitch\/1000000001\/0\/index\.m3u8/)
    expect((await usher('0'.repeat(40))).status).toBe(403)
  })

  it('should refuse a private VOD at usher with vod_manifest_restricted', async () => {
    const sim = await startTestSim({ videoStatus: { [`twitch:${twitchShort.videoId}`]: 'private' } })
    const { value, signature } = (await postGql(sim, tokenOp(twitchShort.videoId))).body.data
      .videoPlaybackAccessToken
    const response = await fetch(
      `${sim.url}/vod/${twitchShort.videoId}.m3u8?${new URLSearchParams({ sig: signature, token: value })}`,
    )
    expect(response.status).toBe(403)
    expect(((await response.json()) as Array<{ error_code: string }>)[0]?.error_code).toBe(
      'vod_manifest_restricted',
    )
  })
})
