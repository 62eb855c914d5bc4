import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { YT } from 'youtubei.js'
import type { HttpClient, HttpRequest, HttpResponse } from '../src/http/client.js'
import { PlatformError } from '../src/index.js'
import { crawlYoutubeChat, liveChatFromMenu, nextContinuation, toMessages } from '../src/youtube/chat.js'
import { innertubeConfig, scriptJson } from '../src/youtube/page-json.js'
import { chainError, checkPlayable } from '../src/youtube/playability.js'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/youtube/${name}`, import.meta.url), 'utf8')
const watchPage = fixture('watch-2026.html')
const frame = fixture('live-chat-replay-frame.html')
const lastPage = JSON.parse(fixture('get-live-chat-replay-last.json'))

/** Serves fixtures by path; records every request. No sockets. */
function fakeHttp(routes: Record<string, () => string>) {
  const sent: HttpRequest[] = []
  const http = {
    async request<T>(req: HttpRequest, parse: (r: HttpResponse) => T): Promise<T> {
      sent.push(req)
      const route = Object.keys(routes).find((prefix) => req.path.startsWith(prefix))
      if (route === undefined) throw new Error(`unexpected request ${req.path}`)
      return parse({ status: 200, headers: {}, text: routes[route]!() })
    },
  } as unknown as HttpClient
  return { http, sent }
}

describe('YouTube fixtures (2026 shapes)', () => {
  it('should take the InnerTube config from the ytcfg.set that has it, not the bootstrap call before it', () => {
    expect(innertubeConfig(watchPage)).toEqual({
      apiKey: 'AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8',
      context: expect.objectContaining({ client: expect.objectContaining({ clientName: 'WEB' }) }),
    })
    // What a first-match reader gets: the bootstrap call, which has no key.
    expect(scriptJson(watchPage, 'ytcfg.set(')).toBeUndefined()
  })

  it('should read the Live chat continuation from the frame menu, never Top chat', () => {
    const data = scriptJson(frame, 'window["ytInitialData"] = ') as any
    expect(liveChatFromMenu(data.continuationContents.liveChatContinuation.header)).toBe('op2w0wLiveChat')
    const topOnly = {
      liveChatHeaderRenderer: {
        viewSelector: {
          sortFilterSubMenuRenderer: {
            subMenuItems: [
              { title: 'Top chat replay', continuation: { reloadContinuationData: { continuation: 'top' } } },
            ],
          },
        },
      },
    }
    expect(liveChatFromMenu(topOnly)).toBeUndefined()
  })

  it('should parse text and Super Chat items and stop at a seek-only last page', () => {
    const chat = lastPage.continuationContents.liveChatContinuation
    expect(chat.actions.flatMap(toMessages)).toEqual([
      {
        id: 'ChwKGkNKX3RleHQx',
        offsetMs: 61_000,
        authorId: 'UCviewer1',
        authorName: 'viewer one',
        text: 'gg :clap:',
        kind: 'chat',
      },
      {
        id: 'ChwKGkNKX3BhaWQx',
        offsetMs: 62_500,
        authorId: 'UCdonor',
        authorName: 'donor',
        text: 'great run',
        kind: 'donation',
        amount: 4.99,
      },
    ])
    expect(nextContinuation(chat)).toBeUndefined()
  })

  it('should crawl from the Live chat continuation, with playerOffsetMs on the first request only', async () => {
    const middle = structuredClone(lastPage)
    middle.continuationContents.liveChatContinuation.continuations = [
      { liveChatReplayContinuationData: { continuation: 'op2w0wPage2' } },
    ]
    let replays = 0
    const { http, sent } = fakeHttp({
      '/watch': () => watchPage,
      '/live_chat_replay': () => frame,
      '/youtubei/v1/live_chat/get_live_chat_replay': () =>
        JSON.stringify(replays++ === 0 ? middle : lastPage),
    })
    const batches = []
    for await (const batch of crawlYoutubeChat(http, 'abcdefghijk', 60, 120)) batches.push(batch)
    expect(batches.flat().map((m) => m.id)).toEqual(['ChwKGkNKX3RleHQx', 'ChwKGkNKX3BhaWQx'])
    const bodies = sent.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body!))
    expect(bodies.map((b) => b.continuation)).toEqual(['op2w0wLiveChat', 'op2w0wPage2'])
    expect(bodies[0].currentPlayerState).toEqual({ playerOffsetMs: '60000' })
    expect(bodies[1].currentPlayerState).toBeUndefined()
    // The watch page's config (not the frame's) is the one sent.
    expect(sent.at(-1)!.path).toContain('key=AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8')
  })

  it('should fail as chat unavailable, saying Top chat only, when no Live chat continuation is offered', async () => {
    const bareFrame = frame.replace(/"header":\{.*\}\}\}\}\}\}\};/, '"actions":[]}}};')
    const { http } = fakeHttp({
      '/watch': () => watchPage,
      '/live_chat_replay': () => bareFrame,
      '/youtubei/v1/live_chat/get_live_chat_replay': () => JSON.stringify(lastPage),
    })
    const crawl = async () => {
      for await (const _ of crawlYoutubeChat(http, 'abcdefghijk', 0, 60));
    }
    await expect(crawl()).rejects.toMatchObject({
      code: 'PLATFORM_CHAT_UNAVAILABLE',
      message: expect.stringContaining('only the filtered "Top chat"'),
    })
  })

  it('should name sign-in for the bot check and private for a private video', () => {
    // playabilityStatus as YouTube sends it to datacenter addresses (yt-dlp _video.py, read 2026-12).
    const info = (status: string, reason: string) =>
      ({ playability_status: { status, reason } }) as unknown as YT.VideoInfo
    expect(() => checkPlayable(info('LOGIN_REQUIRED', 'Sign in to confirm you’re not a bot'), 'x')).toThrow(
      expect.objectContaining({ code: 'PLATFORM_SIGN_IN_REQUIRED', retryable: false }),
    )
    expect(() => checkPlayable(info('LOGIN_REQUIRED', 'Private video'), 'x')).toThrow(
      expect.objectContaining({ code: 'PLATFORM_VIDEO_PRIVATE' }),
    )
    expect(() => checkPlayable(info('OK', ''), 'x')).not.toThrow()
  })

  it('should say PO token when any client was refused for one and none played', () => {
    const error = chainError('x', [
      {
        client: 'WEB_EMBEDDED',
        error: new PlatformError('PLATFORM_VIDEO_UNAVAILABLE', 'embedding disabled'),
      },
      {
        client: 'TV',
        error: new PlatformError('PLATFORM_PO_TOKEN_REQUIRED', 'Only SABR streams were offered.'),
      },
    ])
    expect(error).toMatchObject({ code: 'PLATFORM_PO_TOKEN_REQUIRED' })
    expect(error.message).toMatch(/WEB_EMBEDDED: .*embedding disabled.*TV: .*SABR/)
  })
})
