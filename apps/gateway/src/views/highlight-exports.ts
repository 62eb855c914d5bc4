import type { Highlight } from '@vodscope/contracts'

/** The formats `GET /v1/videos/:videoKey/highlights?format=` serves besides JSON. */
export const EXPORT_FORMATS = ['csv', 'chapters', 'edl', 'ffmpeg'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportVideo {
  videoKey: string
  title: string
  durationSec: number
}

export interface ExportFile {
  contentType: string
  /** File name offered by `content-disposition`: the video key with `:` made safe. */
  fileName: string
  body: string
}

/** Renders highlights (any order) in one export format. */
export function exportHighlights(
  format: ExportFormat,
  video: ExportVideo,
  highlights: readonly Highlight[],
): ExportFile {
  const base = `${video.videoKey.replace(/[^A-Za-z0-9_-]/g, '_')}-highlights`
  switch (format) {
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv`, body: toCsv(highlights) }
    case 'chapters':
      return {
        contentType: 'text/plain; charset=utf-8',
        fileName: `${base}-chapters.txt`,
        body: toChapters(video, highlights),
      }
    case 'edl':
      return {
        contentType: 'text/plain; charset=utf-8',
        fileName: `${base}.edl`,
        body: toEdl(video, highlights),
      }
    case 'ffmpeg':
      return {
        contentType: 'text/x-shellscript; charset=utf-8',
        fileName: `${base}-cut.sh`,
        body: toFfmpegScript(video, highlights),
      }
  }
}

const byRank = (highlights: readonly Highlight[]) => [...highlights].sort((a, b) => a.rank - b.rank)
const byStart = (highlights: readonly Highlight[]) => [...highlights].sort((a, b) => a.startSec - b.startSec)

// ---------------------------------------------------------------------------------------------- CSV

const CSV_COLUMNS = [
  'rank',
  'start_sec',
  'end_sec',
  'peak_sec',
  'start',
  'end',
  'score',
  'audio',
  'chat',
  'url',
] as const

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled; lines end with CRLF. */
function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One row per highlight in rank order; times in seconds (3 decimals) and as H:MM:SS. */
export function toCsv(highlights: readonly Highlight[]): string {
  const rows = byRank(highlights).map((h) => [
    h.rank,
    h.startSec.toFixed(3),
    h.endSec.toFixed(3),
    h.peakSec.toFixed(3),
    clock(h.startSec),
    clock(h.endSec),
    h.score.toFixed(4),
    h.signals.audio?.toFixed(4),
    h.signals.chat?.toFixed(4),
    h.url,
  ])
  return `${[CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}

// ------------------------------------------------------------------------------- YouTube chapters

/** YouTube's chapter rules: the first at 0:00, at least three, each at least ten seconds long. */
export const CHAPTER_MIN_SEC = 10
export const CHAPTER_MIN_COUNT = 3

/** H:MM:SS, or M:SS under an hour: the timestamps YouTube recognises in a description. */
export function clock(seconds: number): string {
  const s = Math.floor(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/**
 * Description lines, one chapter each: `0:00 Start`, then for each highlight in time order a chapter
 * at its start and, when the stream goes on before the next one, a `…` chapter at its end. A chapter
 * that would start less than ten seconds after the previous one is left out (YouTube would refuse the
 * whole list), and so is one within ten seconds of the end. YouTube shows chapters only when there are
 * at least three: with fewer, the text says so on a last line that is not a timestamp.
 */
export function toChapters(video: ExportVideo, highlights: readonly Highlight[]): string {
  const marks: { at: number; title: string }[] = [{ at: 0, title: 'Start' }]
  const push = (at: number, title: string) => {
    const last = marks[marks.length - 1]!
    const whole = Math.floor(at)
    if (whole - last.at < CHAPTER_MIN_SEC || video.durationSec - whole < CHAPTER_MIN_SEC) return
    marks.push({ at: whole, title })
  }
  for (const h of byStart(highlights)) {
    push(h.startSec, `Highlight #${h.rank} (score ${h.score.toFixed(2)})`)
    push(h.endSec, '…')
  }
  const lines = marks.map((m) => `${clock(m.at)} ${m.title}`)
  if (marks.length < CHAPTER_MIN_COUNT) {
    lines.push(
      `(YouTube shows chapters only when there are at least ${CHAPTER_MIN_COUNT}; this list has ${marks.length})`,
    )
  }
  return `${lines.join('\n')}\n`
}

// ------------------------------------------------------------------------------------ CMX3600 EDL

/** Frames per second of the EDL's timecodes (non-drop frame): what editors assume without a rate. */
export const EDL_FPS = 30

function timecode(seconds: number): string {
  const frames = Math.round(seconds * EDL_FPS)
  const f = frames % EDL_FPS
  const total = Math.floor(frames / EDL_FPS)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(Math.floor(total / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}:${two(f)}`
}

/** EDL text must be ASCII on one line: anything else in a title becomes `_`. */
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '_').slice(0, 120)

/**
 * A CMX3600 edit list: one cut event per highlight in time order, the source reel `AX` (the file the
 * editor links it to), laid end to end on the record timeline from 00:00:00:00, with the rank and
 * score as a comment. DaVinci Resolve and Premiere import this as a timeline of the cuts.
 */
export function toEdl(video: ExportVideo, highlights: readonly Highlight[]): string {
  const lines = [`TITLE: ${ascii(video.title) || ascii(video.videoKey)}`, 'FCM: NON-DROP FRAME', '']
  let record = 0
  byStart(highlights).forEach((h, i) => {
    const length = h.endSec - h.startSec
    const event = String(i + 1).padStart(3, '0')
    lines.push(
      `${event}  AX       V     C        ${timecode(h.startSec)} ${timecode(h.endSec)} ${timecode(record)} ${timecode(record + length)}`,
      `* FROM CLIP NAME: ${ascii(video.videoKey)}`,
      `* COMMENT: HIGHLIGHT ${h.rank} SCORE ${h.score.toFixed(2)}`,
      '',
    )
    record += length
  })
  return `${lines.join('\n')}`
}

// ------------------------------------------------------------------------------ ffmpeg cut script

/**
 * A POSIX sh script that cuts every highlight from a local copy of the VOD: `sh cut.sh vod.mp4` writes
 * `vod-highlight-01.mp4`, … in rank order, stream-copied (no re-encode, so cuts land on the keyframe
 * at or before each start). Only numbers from the highlights reach the command lines; the file name is
 * the script's argument, always quoted.
 */
export function toFfmpegScript(video: ExportVideo, highlights: readonly Highlight[]): string {
  const lines = [
    '#!/bin/sh',
    `# Cuts the ${highlights.length} highlights of ${ascii(video.videoKey)} from a local file (vodscope).`,
    '# Usage: sh cut.sh <video file>',
    'set -eu',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'in="${1:?usage: sh cut.sh <video file>}"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'stem="${in%.*}"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'ext="${in##*.}"',
    '',
  ]
  for (const h of byRank(highlights)) {
    const n = String(h.rank).padStart(2, '0')
    const duration = (h.endSec - h.startSec).toFixed(3)
    lines.push(
      `# ${n}: ${clock(h.startSec)}–${clock(h.endSec)}, score ${h.score.toFixed(2)}`,
      `ffmpeg -hide_banner -loglevel error -y -ss ${h.startSec.toFixed(3)} -i "$in" -t ${duration} -map 0 -c copy "$stem-highlight-${n}.$ext"`,
    )
  }
  return `${lines.join('\n')}\n`
}
