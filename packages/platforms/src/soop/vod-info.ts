import type { VideoPart } from '@vodscope/contracts'
import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { parseJson } from '../http/json.js'
import { refuseRedirect, soopHeaders } from './request.js'

interface SoopFile {
  file_order?: number
  duration?: number
  file?: string
  file_info_key?: string
}

export interface SoopVodInfo {
  title: string
  bjId: string
  nick: string
  /** ISO, converted from SOOP's Korea-time `broad_start`. */
  startedAt: string | undefined
  durationSec: number
  viewCount: number | undefined
  thumbnailUrl: string | undefined
  /** The parts SOOP lists, each with its VOD offset and its chat window (`chatWindowSec`). */
  parts: VideoPart[]
  /** Each part's HLS playlist, by part index. */
  playlists: string[]
}

/** SOOP's answers for a VOD that does not exist and for one its owner made private. */
const NOT_FOUND = -6221
const PRIVATE = -6205
/** The chat window when the API does not say (`chat_duration`); 300 s in every answer seen in 2026. */
export const DEFAULT_CHAT_WINDOW_SEC = 300

/**
 * `POST /station/video/a/view` on api.m.sooplive.com with `nTitleNo=N&nApiLevel=10`, the player page as
 * `Referer` — the request yt-dlp makes (extractor/afreecatv.py, read 2026-12). Answers title, owner,
 * `chat_duration` and the parts (`files[]`) with their playlists.
 */
export async function soopVodInfo(http: HttpClient, videoId: string): Promise<SoopVodInfo> {
  const body = await http.request(
    {
      upstream: 'soopApi',
      path: '/station/video/a/view',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...soopHeaders(videoId) },
      body: new URLSearchParams({ nTitleNo: videoId, nApiLevel: '10' }).toString(),
      platform: 'soop',
    },
    (response) => {
      refuseRedirect(response, 'VOD info')
      return parseJson<SoopVodInfoBody>(response.text)
    },
  )
  return readVodInfo(videoId, body)
}

export interface SoopVodInfoBody {
  result?: number
  data?: Record<string, unknown>
}

/** The VOD info answer → parts and metadata, or the typed error it means. */
export function readVodInfo(videoId: string, body: SoopVodInfoBody): SoopVodInfo {
  const data = body.data ?? {}
  if (body.result !== 1) {
    const code = Number(data.code)
    const detail = `SOOP VOD ${videoId} (code ${code}).`
    if (code === NOT_FOUND) throw new PlatformError('PLATFORM_VIDEO_NOT_FOUND', detail, { platform: 'soop' })
    if (code === PRIVATE) throw new PlatformError('PLATFORM_VIDEO_PRIVATE', detail, { platform: 'soop' })
    throw new PlatformError('PLATFORM_VIDEO_UNAVAILABLE', detail, { platform: 'soop' })
  }
  if (typeof data.title !== 'string')
    throw new PlatformError('PLATFORM_BAD_RESPONSE', `SOOP VOD ${videoId} has no title.`, {
      platform: 'soop',
    })
  const files = (Array.isArray(data.files) ? (data.files as SoopFile[]) : []).toSorted(
    (a, b) => (a.file_order ?? 0) - (b.file_order ?? 0),
  )
  // An adult or subscriber-only VOD answers `result: 1` with no files to an anonymous client.
  if (files.length === 0)
    throw new PlatformError('PLATFORM_VIDEO_PRIVATE', restriction(videoId, data), { platform: 'soop' })
  for (const [index, file] of files.entries()) {
    if (
      typeof file.file_info_key !== 'string' ||
      typeof file.duration !== 'number' ||
      typeof file.file !== 'string'
    ) {
      throw new PlatformError(
        'PLATFORM_BAD_RESPONSE',
        `SOOP VOD ${videoId} part ${index + 1} is incomplete.`,
        {
          platform: 'soop',
        },
      )
    }
  }
  const totalSec = typeof data.total_file_duration === 'number' ? data.total_file_duration / 1000 : undefined
  const chatWindowSec =
    typeof data.chat_duration === 'number' && data.chat_duration > 0
      ? data.chat_duration
      : DEFAULT_CHAT_WINDOW_SEC
  const starts = partStarts(videoId, files as Required<SoopFile>[], totalSec)
  const parts = files.map((file, index) => ({
    index,
    partId: file.file_info_key as string,
    startSec: starts[index] ?? 0,
    durationSec: (file.duration as number) / 1000,
    chatWindowSec,
  }))
  const last = parts.at(-1)
  return {
    title: data.title,
    bjId: String(data.bj_id ?? ''),
    nick: String(data.writer_nick ?? data.bj_id ?? ''),
    startedAt: typeof data.broad_start === 'string' ? fromKst(data.broad_start) : undefined,
    durationSec: totalSec ?? (last === undefined ? 0 : last.startSec + last.durationSec),
    viewCount: typeof data.view_cnt === 'number' ? data.view_cnt : undefined,
    thumbnailUrl: typeof data.thumb === 'string' ? data.thumb : undefined,
    parts,
    playlists: files.map((file) => file.file as string),
  }
}

/**
 * Where each listed part starts in the VOD. A later part's offsets continue where the earlier parts
 * end; but SOOP may leave parts out (`file_order` 1 and 4 only, upstreams.md 2026-12), so after a gap
 * the start is counted back from `total_file_duration` (the whole broadcast) over the parts listed
 * after it. Chat `t` is relative to its own part, so a wrong start would shift every row.
 */
function partStarts(videoId: string, files: Required<SoopFile>[], totalSec: number | undefined): number[] {
  const starts: number[] = []
  let cumulative = 0
  for (const [index, file] of files.entries()) {
    const contiguous = file.file_order === index + 1
    if (contiguous) {
      starts.push(cumulative)
      cumulative += file.duration / 1000
      continue
    }
    if (totalSec === undefined) {
      throw new PlatformError(
        'PLATFORM_BAD_RESPONSE',
        `SOOP VOD ${videoId} lists part ${file.file_order} after a missing part and no total_file_duration.`,
        { platform: 'soop' },
      )
    }
    const rest = files.slice(index).reduce((sum, f) => sum + f.duration / 1000, 0)
    // Parts after a gap are contiguous among themselves from here on.
    cumulative = Math.max(cumulative, totalSec - rest)
    for (const later of files.slice(index)) {
      starts.push(cumulative)
      cumulative += later.duration / 1000
    }
    break
  }
  return starts
}

function restriction(videoId: string, data: Record<string, unknown>): string {
  if (data.adult_status === 'notLogin')
    return `SOOP VOD ${videoId} is for adults only: SOOP lists no parts without a verified login.`
  if (typeof data.sub_upload_type === 'string' && data.sub_upload_type !== '')
    return `SOOP VOD ${videoId} is for subscribers only: SOOP lists no parts.`
  return `SOOP VOD ${videoId} lists no playable parts (restricted).`
}

/** `YYYY-MM-DD HH:mm:ss` in Korea time (UTC+9, no daylight saving) → ISO. */
function fromKst(text: string): string | undefined {
  const ms = Date.parse(`${text.replace(' ', 'T')}+09:00`)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z')
}
