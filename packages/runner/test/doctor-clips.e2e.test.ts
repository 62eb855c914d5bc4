import { parseInvocation, runCommand } from '@vodscope/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPipeline } from '../src/pipeline.js'

// An encoded simulator id: 90 minutes at 60 chat messages per minute, four true moments.
const VIDEO_ID = '770090060191'
const LINK = `https://www.twitch.tv/videos/${VIDEO_ID}`

function sink() {
  let text = ''
  const stream = {
    write: (chunk: string) => {
      text += String(chunk)
      return true
    },
  } as unknown as NodeJS.WritableStream
  return { stream, text: () => text }
}

describe('vodscope doctor --clips against the whole pipeline and upstream-sim', () => {
  let pipeline: Awaited<ReturnType<typeof startPipeline>>
  beforeAll(async () => {
    pipeline = await startPipeline({
      replicas: { gateway: 1, extractor: 1, 'chat-crawler': 1, 'audio-analyzer': 1 },
      env: { VODSCOPE_AUDIO_SEGMENT_SEC: '600', VODSCOPE_CHAT_CHUNK_SEC: '300' },
    })
  }, 120_000)
  afterAll(async () => {
    await pipeline?.stop()
  }, 60_000)

  it('should analyse the VOD, read its clips and find them inside its top-10 highlights', async () => {
    const env = { VODSCOPE_GATEWAY_URL: pipeline.gateway, VODSCOPE_UPSTREAM_URL: pipeline.sim.url }
    const out = sink()
    const err = sink()
    const code = await runCommand(
      parseInvocation(['doctor', '--clips', LINK], env),
      { out: out.stream, err: err.stream },
      env,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${err.text()}\n${pipeline.lines.slice(-40).join('\n')}`)
    })
    expect(code, `${out.text()}\n${err.text()}`).toBe(0)
    expect(err.text()).toContain(`analysing: twitch:${VIDEO_ID}`)

    const truth = pipeline.sim.truth('twitch', VIDEO_ID)
    expect(truth.clips).toHaveLength(4)
    const match = /agreement: (\d+)\/(\d+) clips \(([\d.]+)%\)/.exec(out.text())
    const baseline = /random baseline: ([\d.]+)%/.exec(out.text())
    expect(match, out.text()).not.toBeNull()
    expect(Number(match![2])).toBe(truth.clips.length)
    // The simulator's clips start 0–8 s before its true moments, and the pipeline finds every one of
    // those moments (full-pipeline.e2e): each clip starts inside a top-10 highlight.
    expect(Number(match![1]), out.text()).toBe(truth.clips.length)
    expect(Number(baseline![1])).toBeLessThan(25)

    // A second run finds the video known and its job finished: nothing is analysed again.
    const again = sink()
    const errAgain = sink()
    expect(
      await runCommand(
        parseInvocation(['doctor', '--clips', LINK, '--top', '2'], env),
        { out: again.stream, err: errAgain.stream },
        env,
      ),
    ).toBe(0)
    expect(errAgain.text()).toContain(`known to the gateway: twitch:${VIDEO_ID}`)
    expect(again.text()).toContain('agreement: 2/2 clips (100.0%)')
  }, 600_000)
})
