import type { VideoPart } from '@vodscope/contracts'
import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { parseJson } from '../http/json.js'

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
  parts: VideoPart[]
  /** Each part's HLS playlist, by part index. */
  playlists: string[]
}

/** SOOP's answers for a VOD that does not exist and for one its owner made private. */
const NOT_FOUND = -6221
const PRIVATE = -6205

/** `POST /station/video/a/view`: title, owner, and the parts (`files[]`) with their playlists. */
export async function soopVodInfo(http: HttpClient, videoId: string): Promise<SoopVodInfo> {
  const body = await http.request(
    {
      upstream: 'soopApi',
      path: '/station/video/a/view',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ nTitleNo: videoId, nApiLevel: '10' }).toString(),
      platform: 'soop',
    },
    (response) => parseJson<{ result?: number; data?: Record<string, unknown> }>(response.text),
  )
  const data = body.data ?? {}
  if (body.result !== 1) {
    const code = Number(data.code)
    const detail = `SOOP VOD ${videoId} (code ${code}).`
    if (code === NOT_FOUND) throw new PlatformError('notFound', detail, { platform: 'soop' })
    if (code === PRIVATE) throw new PlatformError('private', detail, { platform: 'soop' })
    throw new PlatformError('unavailable', detail, { platform: 'soop' })
  }
  const files = (Array.isArray(data.files) ? (data.files as SoopFile[]) : []).toSorted(
    (a, b) => (a.file_order ?? 0) - (b.file_order ?? 0),
  )
  if (typeof data.title !== 'string' || files.length === 0) {
    throw new PlatformError('badResponse', `SOOP VOD ${videoId} lacks a title or files.`, {
      platform: 'soop',
    })
  }
  const parts: VideoPart[] = []
  const playlists: string[] = []
  let startSec = 0
  for (const [index, file] of files.entries()) {
    if (
      typeof file.file_info_key !== 'string' ||
      typeof file.duration !== 'number' ||
      typeof file.file !== 'string'
    ) {
      throw new PlatformError('badResponse', `SOOP VOD ${videoId} part ${index + 1} is incomplete.`, {
        platform: 'soop',
      })
    }
    // A later part's offsets continue where the earlier parts end.
    const durationSec = file.duration / 1000
    parts.push({ index, partId: file.file_info_key, startSec, durationSec })
    playlists.push(file.file)
    startSec += durationSec
  }
  return {
    title: data.title,
    bjId: String(data.bj_id ?? ''),
    nick: String(data.writer_nick ?? data.bj_id ?? ''),
    startedAt: typeof data.broad_start === 'string' ? fromKst(data.broad_start) : undefined,
    durationSec: typeof data.total_file_duration === 'number' ? data.total_file_duration / 1000 : startSec,
    viewCount: typeof data.view_cnt === 'number' ? data.view_cnt : undefined,
    thumbnailUrl: typeof data.thumb === 'string' ? data.thumb : undefined,
    parts,
    playlists,
  }
}

/** `YYYY-MM-DD HH:mm:ss` in Korea time (UTC+9, no daylight saving) → ISO. */
function fromKst(text: string): string | undefined {
  const ms = Date.parse(`${text.replace(' ', 'T')}+09:00`)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z')
}
