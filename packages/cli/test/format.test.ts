import type { JobView, StageView } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { clock, formatDeadLetters, formatHighlights, formatJob, progressLine } from '../src/format.js'
import { applyEvent, LiveProgress } from '../src/live-progress.js'
import { parseBlock } from '../src/sse.js'

const stage = (over: Partial<StageView> = {}): StageView => ({
  status: 'queued',
  progress: { done: 0, total: 0 },
  error: null,
  attempts: 0,
  startedAt: null,
  finishedAt: null,
  ...over,
})

const job = (stages: Partial<JobView['stages']> = {}): JobView => ({
  jobId: 'j1',
  videoKey: 'twitch:42',
  platform: 'twitch',
  finished: false,
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-02T03:04:05.000Z',
  stages: { metadata: stage(), chat: stage(), audio: stage(), highlights: stage(), ...stages },
})

describe('formatting', () => {
  it('should print h:mm:ss', () => {
    expect(clock(0)).toBe('0:00:00')
    expect(clock(3_725.9)).toBe('1:02:05')
  })

  it('should align the highlights table and keep the deep links whole', () => {
    const text = formatHighlights({
      videoKey: 'twitch:42',
      title: 'A stream',
      highlights: [
        {
          rank: 1,
          startSec: 65,
          endSec: 95,
          peakSec: 80,
          score: 0.9,
          signals: { audio: 0.8 },
          evidence: { loudnessDb: 8 },
          url: 'https://t/v?t=1m5s',
        },
        {
          rank: 10,
          startSec: 3600,
          endSec: 3630,
          peakSec: 3610,
          score: 0.5,
          signals: { chat: 1 },
          evidence: { loudnessDb: 12.34, chatPerMin: 240.4, usualChatPerMin: 11.6 },
          chat: {
            messages: 90,
            topTokens: [
              { text: 'ㅋㅋ', count: 40 },
              { text: 'way', count: 12 },
            ],
            topEmotes: [{ text: 'Kappa', count: 9 }],
            donations: { count: 3, total: 510 },
          },
          url: 'https://t/v?t=1h',
        },
      ],
    })
    expect(text.split('\n')).toEqual([
      'twitch:42 — A stream',
      '#   start    end      score  audio  chat  evidence                            chat said                                   link',
      '1   0:01:05  0:01:35  0.90   0.80         +8.0 dB                                                                         https://t/v?t=1m5s',
      '10  1:00:00  1:00:30  0.50          1.00  +12.3 dB · chat 240/min (usual 12)  ㅋㅋ×40 way×12 · Kappa×9 · 3 donations (510)  https://t/v?t=1h',
    ])
  })

  it('should say so when a video has no highlights', () => {
    expect(formatHighlights({ videoKey: 'twitch:42', title: 'T', highlights: [] })).toContain(
      '(no highlights)',
    )
  })

  it('should draw a bar from progress, full when done, with the error of a failed stage', () => {
    expect(progressLine('chat', stage({ status: 'running', progress: { done: 1, total: 4 } }))).toBe(
      '  chat       [######------------------]  25% 1/4 running',
    )
    expect(progressLine('audio', stage({ status: 'done' }))).toContain('[########################] 100%')
    expect(
      progressLine(
        'audio',
        stage({ status: 'failed', error: { code: 'AUDIO_DECODE', message: 'bad media' } }),
      ),
    ).toContain('failed — AUDIO_DECODE: bad media')
    expect(formatJob(job()).split('\n')).toHaveLength(5)
  })

  it('should list dead letters and say how many were left out', () => {
    const letter = {
      id: '0:3',
      group: 'vodscope.extractor',
      at: '2026-01-02T03:04:05.000Z',
      key: 'twitch:42',
      reason: 'X: y',
      attempts: 5,
      original: { topic: 'vod.links.v1', partition: 0, offset: '9' },
    }
    const text = formatDeadLetters([letter], 3)
    expect(text).toContain('vod.links.v1[0]@9')
    expect(text).toContain('(1 of 3 shown)')
    expect(formatDeadLetters([], 0)).toBe('no pending dead letters')
  })
})

describe('live progress', () => {
  it('should keep an ended stage ended when an older event arrives late', () => {
    const stages = job({ chat: stage({ status: 'done' }) }).stages
    const at = '2026-01-02T03:04:06.000Z'
    const late = {
      version: 1,
      jobId: 'j1',
      videoKey: 'twitch:42',
      platform: 'twitch',
      videoId: '42',
      stage: 'chat',
      status: 'running',
      at,
    } as const
    expect(applyEvent(stages, late as never).chat.status).toBe('done')
    const progress = { ...late, stage: 'audio', progress: { done: 2, total: 5 } } as const
    expect(applyEvent(stages, progress as never).audio).toMatchObject({
      status: 'running',
      progress: { done: 2, total: 5 },
    })
  })

  it('should print a line per status change when the output is not a terminal', () => {
    const written: string[] = []
    const out = { write: (s: string) => written.push(s), isTTY: false } as unknown as NodeJS.WritableStream
    const live = new LiveProgress(out)
    live.update('j1', 'twitch:42', job().stages)
    live.update(
      'j1',
      'twitch:42',
      job({ chat: stage({ status: 'queued', progress: { done: 1, total: 4 } }) }).stages,
    )
    live.update('j1', 'twitch:42', job({ chat: stage({ status: 'running' }) }).stages)
    expect(written).toHaveLength(5)
    expect(written[4]).toContain('chat')
  })

  it('should redraw the block in place on a terminal', () => {
    const written: string[] = []
    const out = { write: (s: string) => written.push(s), isTTY: true } as unknown as NodeJS.WritableStream
    const live = new LiveProgress(out)
    live.update('j1', 'twitch:42', job().stages)
    live.update('j1', 'twitch:42', job().stages)
    expect(written[1]).toBe('\x1b[5A')
  })
})

describe('server-sent events', () => {
  it('should parse an event block and skip keep-alive comments', () => {
    expect(parseBlock('event: snapshot\ndata: {"a":1}')).toEqual({ event: 'snapshot', data: { a: 1 } })
    expect(parseBlock(': keep-alive')).toBeUndefined()
  })
})
