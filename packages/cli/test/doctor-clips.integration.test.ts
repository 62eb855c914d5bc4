import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Highlight, JobView, StageView, VideoView } from '@vodscope/contracts'
import { startSim, WELL_KNOWN_VIDEOS } from '@vodscope/upstream-sim'
import { describe, expect, it, onTestFinished } from 'vitest'
import { randomBaseline } from '../src/agreement.js'
import { parseInvocation } from '../src/args.js'
import { runCommand } from '../src/commands.js'

const { twitchLong } = WELL_KNOWN_VIDEOS
const VIDEO_KEY = `twitch:${twitchLong.videoId}`
const LINK = `https://www.twitch.tv/videos/${twitchLong.videoId}`
const JOB_ID = 'job-clips-1'

function stage(status: StageView['status']): StageView {
  return {
    status,
    progress: { done: 1, total: 1 },
    error: null,
    attempts: 1,
    startedAt: null,
    finishedAt: null,
  }
}

function job(highlights: StageView['status'] = 'done'): JobView {
  const at = '2026-12-04T00:00:00Z'
  return {
    jobId: JOB_ID,
    videoKey: VIDEO_KEY,
    platform: 'twitch',
    finished: true,
    createdAt: at,
    updatedAt: at,
    stages: {
      metadata: stage('done'),
      chat: stage('done'),
      audio: stage('done'),
      highlights: stage(highlights),
    },
  }
}

/**
 * A stand-in for the gateway on 127.0.0.1: accepts the link as a known video's job, reports that job
 * finished (event stream and poll), and serves the video with the given highlights.
 */
async function fakeGateway(video: VideoView, finished: JobView) {
  const requests: string[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`)
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'POST' && req.url === '/v1/links') {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        const [link] = (JSON.parse(body) as { links: string[] }).links
        json(202, {
          results: [
            {
              link,
              status: 'accepted',
              jobId: JOB_ID,
              videoKey: VIDEO_KEY,
              platform: 'twitch',
              created: false,
            },
          ],
          accepted: 1,
          rejected: 0,
        })
      })
      return
    }
    if (req.url === `/v1/jobs/${JOB_ID}/events`) {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.end(`event: snapshot\ndata: ${JSON.stringify(finished)}\n\n`)
      return
    }
    if (req.url === `/v1/jobs/${JOB_ID}`) return json(200, finished)
    if (req.url === `/v1/videos/${encodeURIComponent(VIDEO_KEY)}`) return json(200, video)
    json(404, { code: 'NOT_FOUND', message: 'no such route' })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return { url: `http://127.0.0.1:${port}`, requests }
}

async function simulator() {
  const sim = await startSim({ port: 0, logLevel: 'silent' })
  onTestFinished(() => sim.close())
  return sim
}

function highlight(rank: number, startSec: number, endSec: number): Highlight {
  return {
    rank,
    startSec,
    endSec,
    peakSec: startSec + 10,
    score: 1 - rank / 100,
    signals: {},
    url: `${LINK}?t=${startSec}s`,
  }
}

function videoView(highlights: Highlight[]): VideoView {
  return {
    videoKey: VIDEO_KEY,
    platform: 'twitch',
    videoId: twitchLong.videoId,
    url: LINK,
    title: 'Long stream',
    durationSec: twitchLong.durationSec,
    channel: { id: '1', name: 'someone' },
    publishedAt: null,
    viewCount: null,
    thumbnailUrl: null,
    parts: [],
    chat: null,
    audio: null,
    highlights,
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  let out = ''
  let err = ''
  const sink = (append: (s: string) => void) =>
    ({
      write: (chunk: string) => {
        append(String(chunk))
        return true
      },
    }) as unknown as NodeJS.WritableStream
  const io = { out: sink((s) => (out += s)), err: sink((s) => (err += s)) }
  try {
    return { code: await runCommand(parseInvocation(argv, env), io, env), out, err }
  } catch (error) {
    return { code: 1, out, err: err + (error as Error).message }
  }
}

describe('vodscope doctor --clips against a stand-in gateway and upstream-sim', () => {
  it('should report the share of clips inside top-10 highlights beside the random baseline', async () => {
    const sim = await simulator()
    const truth = sim.truth('twitch', twitchLong.videoId)
    expect(truth.clips.length).toBe(16)
    // Ranks 1–6 cover the six most-viewed clips' moments; ranks 7–10 lie 200 s after other moments,
    // where no clip starts; rank 11 covers a clip but is not in the top ten.
    const around = (atSec: number) => [atSec - 10, atSec + 25] as const
    const highlights = [
      ...truth.clips.slice(0, 6).map((c, i) => highlight(i + 1, ...around(c.atSec))),
      ...truth.clips.slice(6, 10).map((c, i) => highlight(i + 7, c.atSec + 200, c.atSec + 235)),
      highlight(11, ...around(truth.clips[10]!.atSec)),
    ]
    const gateway = await fakeGateway(videoView(highlights), job())

    const result = await run(['doctor', '--clips', LINK], {
      VODSCOPE_GATEWAY_URL: gateway.url,
      VODSCOPE_UPSTREAM_URL: sim.url,
    })

    expect(result.code, result.err).toBe(0)
    expect(gateway.requests[0]).toBe('POST /v1/links')
    expect(gateway.requests).toContain(`GET /v1/videos/${encodeURIComponent(VIDEO_KEY)}`)
    expect(result.err).toContain(`known to the gateway: ${VIDEO_KEY} (job ${JOB_ID})`)
    const rows = result.out.split('\n').filter((line) => /^\d+\s+\d+:\d\d:\d\d/.test(line))
    expect(rows).toHaveLength(16)
    expect(rows.slice(0, 6).every((row, i) => row.includes(`yes (#${i + 1})`))).toBe(true)
    expect(rows.slice(6).every((row) => /\bno\b/.test(row))).toBe(true)
    expect(rows[0]).toContain(`https://clips.twitch.tv/${truth.clips[0]!.slug}`)
    expect(result.out).toContain('agreement: 6/16 clips (37.5%) start inside a top-10 highlight')

    const lengths = highlights.slice(0, 10).map((h) => h.endSec - h.startSec)
    const expected = randomBaseline(
      truth.clips.map((c) => c.offsetSec),
      lengths,
      twitchLong.durationSec,
    )
    expect(expected).toBeLessThan(0.05)
    expect(result.out).toContain(`random baseline: ${(100 * expected).toFixed(1)}% (exact expectation`)
    expect(result.out).toContain('highlights: top 10 of 10 cover 1.2% of 8:00:00')
    expect(result.out).toMatch(
      /clips: 16 of this VOD, most viewed first, among \d+ of channel \w+ read \(ALL_TIME, 1 page\(s\)\)/,
    )
  })

  it('should compare only the top N clips with --top', async () => {
    const sim = await simulator()
    const truth = sim.truth('twitch', twitchLong.videoId)
    const highlights = [highlight(1, truth.clips[1]!.atSec - 10, truth.clips[1]!.atSec + 25)]
    const gateway = await fakeGateway(videoView(highlights), job())
    const result = await run(['doctor', '--clips', LINK, '--top', '4'], {
      VODSCOPE_GATEWAY_URL: gateway.url,
      VODSCOPE_UPSTREAM_URL: sim.url,
    })
    expect(result.code, result.err).toBe(0)
    expect(result.out).toContain('agreement: 1/4 clips (25.0%) start inside a top-10 highlight')
  })

  it('should exit 1 naming the reason when the job ended without highlights', async () => {
    const sim = await simulator()
    const gateway = await fakeGateway(videoView([]), job('failed'))
    const result = await run(['doctor', '--clips', LINK], {
      VODSCOPE_GATEWAY_URL: gateway.url,
      VODSCOPE_UPSTREAM_URL: sim.url,
    })
    expect(result.code).toBe(1)
    expect(result.err).toContain(
      `job ${JOB_ID} ended without highlights (highlights failed; failed: highlights)`,
    )
    expect(sim.counters().requests['twitch.gql.clips']).toBeUndefined()
  })

  it('should exit 1 when the gateway has no highlights for the video, after listing the clips', async () => {
    const sim = await simulator()
    const gateway = await fakeGateway(videoView([]), job())
    const result = await run(['doctor', '--clips', LINK], {
      VODSCOPE_GATEWAY_URL: gateway.url,
      VODSCOPE_UPSTREAM_URL: sim.url,
    })
    expect(result.code).toBe(1)
    expect(result.out).toContain('no highlights: nothing to compare the clips with')
  })

  it('should exit 1 with the platform error code when Twitch refuses the listing', async () => {
    const sim = await simulator()
    const gateway = await fakeGateway(videoView([highlight(1, 0, 30)]), job())
    const result = await run(['doctor', '--clips', LINK], {
      VODSCOPE_GATEWAY_URL: gateway.url,
      VODSCOPE_UPSTREAM_URL: sim.url,
      VODSCOPE_TWITCH_COMMENTS_CLIENT_ID: 'kimne78kx3ncx6brgo4mv6wki5h1ko',
    })
    expect(result.code).toBe(1)
    expect(result.err).toContain(`Twitch clips of ${VIDEO_KEY}: PLATFORM_CLIPS_UNAVAILABLE`)
  })
})
