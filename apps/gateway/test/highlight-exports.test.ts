import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import type { Highlight } from '@vodscope/contracts'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import {
  CHAPTER_MIN_COUNT,
  CHAPTER_MIN_SEC,
  clock,
  EDL_FPS,
  toChapters,
  toCsv,
  toEdl,
  toFfmpegScript,
} from '../src/views/highlight-exports.js'

const ffmpegPath = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path

const video = { videoKey: 'twitch:42', title: 'Eight hours, "speedruns" & 한국어', durationSec: 28_800 }
const h = (rank: number, startSec: number, endSec: number, score: number, chat?: number): Highlight => ({
  rank,
  startSec,
  endSec,
  peakSec: (startSec + endSec) / 2,
  score,
  signals: { audio: score, ...(chat === undefined ? {} : { chat }) },
  url: `https://www.twitch.tv/videos/42?t=${Math.floor(startSec)}s,x`,
})
const highlights = [h(2, 100.5, 130.25, 0.7), h(1, 3_723, 3_760, 0.95, 1), h(3, 20_000, 20_045, 0.5)]

/** Parses the CMX3600 event lines back: event, reel, track, transition and the four timecodes. */
function parseEdl(text: string) {
  const event =
    /^(\d{3}) {2}(\S{1,8}) +(V|A|AA|AA\/V) +(C) +(\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d)$/
  const seconds = (tc: string) => {
    const [hh, mm, ss, ff] = tc.split(':').map(Number) as [number, number, number, number]
    return hh * 3600 + mm * 60 + ss + ff / EDL_FPS
  }
  const lines = text.split('\n')
  const events = lines.flatMap((line) => {
    const m = event.exec(line)
    return m === null
      ? []
      : [
          {
            n: Number(m[1]),
            reel: m[2],
            srcIn: seconds(m[5]!),
            srcOut: seconds(m[6]!),
            recIn: seconds(m[7]!),
            recOut: seconds(m[8]!),
          },
        ]
  })
  return { title: lines[0], fcm: lines[1], events, lines }
}

describe('highlight exports', () => {
  it('csv should parse back with a real CSV parser to the highlights in rank order', () => {
    const rows = parse(toCsv(highlights), { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => Number(r.rank))).toEqual([1, 2, 3])
    expect(rows[1]).toMatchObject({
      start_sec: '100.500',
      end_sec: '130.250',
      start: '1:40',
      end: '2:10',
      score: '0.7000',
      chat: '',
    })
    expect(rows[0]).toMatchObject({ start: '1:02:03', chat: '1.0000', url: highlights[1]!.url }) // the comma is quoted
  })

  it('chapters should follow YouTube’s rules: first at 0:00, ascending, each at least ten seconds', () => {
    const text = toChapters(video, highlights)
    const lines = text.trimEnd().split('\n')
    const times = lines.map((line) => {
      const m = /^(?:(\d+):)?(\d{1,2}):(\d\d) (.+)$/.exec(line)
      expect(m, line).not.toBeNull()
      return Number(m![1] ?? 0) * 3600 + Number(m![2]) * 60 + Number(m![3])
    })
    expect(lines[0]).toBe('0:00 Start')
    expect(lines).toContain('1:02:03 Highlight #1 (score 0.95)')
    expect(times.length).toBeGreaterThanOrEqual(CHAPTER_MIN_COUNT)
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(CHAPTER_MIN_SEC)
    expect(video.durationSec - times.at(-1)!).toBeGreaterThanOrEqual(CHAPTER_MIN_SEC)
  })

  it('chapters should leave out a mark under ten seconds after the previous one and say when YouTube will not show them', () => {
    const text = toChapters({ ...video, durationSec: 38 }, [h(1, 5, 30, 0.9)])
    // 0:05 is too close to 0:00, and 0:30 to the end (0:38): only the start is left.
    expect(text).toBe(
      `0:00 Start\n(YouTube shows chapters only when there are at least ${CHAPTER_MIN_COUNT}; this list has 1)\n`,
    )
  })

  it('edl should be CMX3600 events in time order, laid end to end on the record side', () => {
    const edl = parseEdl(toEdl(video, highlights))
    expect(edl.title).toBe('TITLE: Eight hours, "speedruns" & ___') // ASCII only
    expect(edl.fcm).toBe('FCM: NON-DROP FRAME')
    expect(edl.events.map((e) => e.n)).toEqual([1, 2, 3])
    expect(edl.events.map((e) => e.srcIn)).toEqual([100.5, 3_723, 20_000])
    expect(edl.events[0]!.srcOut).toBeCloseTo(130.25, 1)
    expect(edl.events[0]!.recIn).toBe(0)
    for (let i = 1; i < edl.events.length; i++) expect(edl.events[i]!.recIn).toBe(edl.events[i - 1]!.recOut)
    for (const e of edl.events) expect(e.recOut - e.recIn).toBeCloseTo(e.srcOut - e.srcIn, 1)
    expect(edl.lines.filter((l) => l.startsWith('* COMMENT: HIGHLIGHT 1 SCORE 0.95'))).toHaveLength(1)
  })

  it('the ffmpeg script should pass sh -n and take the file name as data, never as code', () => {
    const script = toFfmpegScript(video, highlights)
    const dir = mkdtempSync(join(tmpdir(), 'vodscope-cut-'))
    try {
      writeFileSync(join(dir, 'cut.sh'), script)
      expect(spawnSync('sh', ['-n', join(dir, 'cut.sh')]).status).toBe(0)
      // A fake ffmpeg first on PATH records its arguments: a hostile file name stays one argument.
      writeFileSync(
        join(dir, 'ffmpeg'),
        '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> "$(dirname "$0")/calls"\necho --- >> "$(dirname "$0")/calls"\n',
        { mode: 0o755 },
      )
      const name = join(dir, 'my $(touch pwned) vod.mp4')
      execFileSync('sh', [join(dir, 'cut.sh'), name], {
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
      })
      expect(readdirSync(dir)).not.toContain('pwned')
      const calls = execFileSync('cat', [join(dir, 'calls')], { encoding: 'utf8' })
        .split('---\n')
        .filter(Boolean)
      expect(calls).toHaveLength(3)
      const first = calls[0]!.trimEnd().split('\n')
      expect(first.slice(first.indexOf('-ss'), first.indexOf('-ss') + 6)).toEqual([
        '-ss',
        '3723.000',
        '-i',
        name,
        '-t',
        '37.000',
      ])
      expect(first.at(-1)).toBe(join(dir, 'my $(touch pwned) vod-highlight-01.mp4'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('the ffmpeg script should cut a real file with ffmpeg into the highlights’ lengths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vodscope-cut-'))
    // The npm build the audio analyzer uses, first on PATH as `ffmpeg`, the name the script calls.
    const env = { ...process.env, PATH: `${dirname(ffmpegPath)}${delimiter}${process.env.PATH}` }
    const duration = (file: string) => {
      const probe = spawnSync(ffmpegPath, ['-hide_banner', '-i', join(dir, file)], { encoding: 'utf8' })
      const m = /Duration: (\d\d):(\d\d):(\d\d\.\d+)/.exec(probe.stderr)
      return m === null ? Number.NaN : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])
    }
    try {
      const input = join(dir, 'vod.m4a')
      execFileSync(ffmpegPath, [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:duration=60',
        '-c:a',
        'aac',
        input,
      ])
      writeFileSync(
        join(dir, 'cut.sh'),
        toFfmpegScript({ ...video, durationSec: 60 }, [h(1, 10, 20, 0.9), h(2, 40, 45, 0.5)]),
      )
      execFileSync('sh', [join(dir, 'cut.sh'), input], { env })
      expect(duration('vod-highlight-01.m4a')).toBeCloseTo(10, 0)
      expect(duration('vod-highlight-02.m4a')).toBeCloseTo(5, 0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('clock should write M:SS under an hour and H:MM:SS from an hour', () => {
    expect([clock(0), clock(59.9), clock(600), clock(3_600), clock(36_061)]).toEqual([
      '0:00',
      '0:59',
      '10:00',
      '1:00:00',
      '10:01:01',
    ])
  })
})
