import { type Platform, parseVideoUrl, type VideoPart } from '@vodscope/contracts'
import {
  createPlatforms,
  isPlatformError,
  type Platforms,
  platformsConfigFromEnv,
  type VideoMetadata,
} from '@vodscope/platforms'

/**
 * One public VOD per platform, exercised when `vodscope doctor` is given no links. Public VODs do
 * not live for ever (Twitch deletes most after 60 days): override them with arguments or
 * `VODSCOPE_DOCTOR_<PLATFORM>_URL` when a row fails with "not found".
 */
export const DOCTOR_DEFAULT_URLS = {
  youtube: 'https://www.youtube.com/watch?v=jNQXAC9IVRw',
  twitch: 'https://www.twitch.tv/videos/2331345473',
  soop: 'https://vod.sooplive.co.kr/player/148270207',
} as const satisfies Record<Platform, string>

type Operation = 'metadata' | 'chat' | 'audio'

export interface DoctorRow {
  platform: Platform
  operation: Operation
  ok: boolean
  /** What was seen when ok; the error code and message when not. */
  reason: string
  latencyMs: number
}

/** The links to check: those given, else one per platform from `VODSCOPE_DOCTOR_<PLATFORM>_URL` or the defaults. */
export function doctorTargets(
  urls: string[],
  env: NodeJS.ProcessEnv = {},
): Array<{ platform: Platform; videoId: string }> {
  const links =
    urls.length > 0
      ? urls
      : (Object.entries(DOCTOR_DEFAULT_URLS) as Array<[Platform, string]>).map(
          ([platform, url]) => env[`VODSCOPE_DOCTOR_${platform.toUpperCase()}_URL`]?.trim() || url,
        )
  return links.map((url) => {
    const parsed = parseVideoUrl(url)
    if (!parsed.ok) throw new DoctorUsageError(`${url}: ${parsed.message}`)
    return { platform: parsed.platform, videoId: parsed.videoId }
  })
}

export class DoctorUsageError extends Error {
  override readonly name = 'DoctorUsageError'
}

/**
 * Per VOD: metadata, chat (the first page and one cursor/continuation page after it), and audio
 * (resolve the stream, then read its first bytes: a refused URL — a missing PO token, an expired
 * signature — only shows there). Chat and audio use the parts metadata found.
 */
export async function runDoctor(
  targets: Array<{ platform: Platform; videoId: string }>,
  platforms: Platforms,
  probe: (url: string) => Promise<number> = probeStream,
): Promise<DoctorRow[]> {
  const rows: DoctorRow[] = []
  for (const { platform, videoId } of targets) {
    let metadata: VideoMetadata | undefined
    rows.push(
      await timed(platform, 'metadata', async () => {
        metadata = await platforms.getVideoMetadata(platform, videoId)
        return `"${metadata.title}", ${metadata.durationSec} s, ${metadata.parts.length} part(s)`
      }),
    )
    const parts = metadata?.parts
    rows.push(
      await timed(platform, 'chat', async () => {
        const part = needParts(parts)[0]!
        return twoChatPages(platforms, platform, videoId, part)
      }),
    )
    rows.push(
      await timed(platform, 'audio', async () => {
        const [source] = await platforms.resolveAudioSource(platform, videoId, needParts(parts))
        if (source === undefined) throw new Error('no audio source resolved')
        const status = await probe(source.url)
        if (status >= 400) throw new Error(`resolved, but the ${source.kind} URL answered HTTP ${status}`)
        return `${source.kind} stream answers HTTP ${status}`
      }),
    )
  }
  return rows
}

async function twoChatPages(
  platforms: Platforms,
  platform: Platform,
  videoId: string,
  part: VideoPart,
): Promise<string> {
  const pages = platforms.crawlChat({ platform, videoId, part, startSec: 0, endSec: part.durationSec })
  const counts: number[] = []
  for await (const page of pages) {
    counts.push(page.length)
    // Leaving the loop ends the crawl: two pages are the first request and one cursor page.
    if (counts.length === 2) break
  }
  if (counts.length < 2)
    throw new Error(
      `the replay ended after ${counts.length} page(s): the cursor/continuation page was not exercised`,
    )
  return `2 pages, ${counts[0]} + ${counts[1]} messages`
}

function needParts(parts: VideoPart[] | undefined): VideoPart[] {
  if (parts === undefined || parts.length === 0) throw new Error('skipped: metadata failed')
  return parts
}

async function timed(
  platform: Platform,
  operation: Operation,
  run: () => Promise<string>,
): Promise<DoctorRow> {
  const started = performance.now()
  try {
    const reason = await run()
    return { platform, operation, ok: true, reason, latencyMs: Math.round(performance.now() - started) }
  } catch (error) {
    const reason = isPlatformError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error)
    return { platform, operation, ok: false, reason, latencyMs: Math.round(performance.now() - started) }
  }
}

/** The first KiB of a stream (or its HLS playlist); the status says whether it would play. */
async function probeStream(url: string): Promise<number> {
  const response = await fetch(url, {
    headers: { range: 'bytes=0-1023' },
    signal: AbortSignal.timeout(15_000), // 15 seconds
  })
  await response.body?.cancel()
  return response.status
}

export function formatDoctor(rows: DoctorRow[]): string {
  const header = ['operation', 'result', 'latency', 'reason']
  const body = rows.map((r) => [
    `${r.platform} ${r.operation}`,
    r.ok ? 'ok' : 'FAILED',
    `${r.latencyMs} ms`,
    r.reason,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  const failed = rows.filter((r) => !r.ok).length
  const summary = `${rows.length - failed}/${rows.length} ok${failed > 0 ? `, ${failed} failed` : ''}`
  return [line(header), ...body.map(line), '', summary].join('\n')
}

/** `vodscope doctor`: platform clients configured from the environment (VODSCOPE_*_URL and the rest). */
export async function doctor(
  urls: string[],
  env: NodeJS.ProcessEnv,
  print: (text: string) => void,
): Promise<number> {
  const targets = doctorTargets(urls, env)
  const platforms = createPlatforms(platformsConfigFromEnv(env))
  try {
    const rows = await runDoctor(targets, platforms)
    print(formatDoctor(rows))
    return rows.every((r) => r.ok) ? 0 : 1
  } finally {
    await platforms.close()
  }
}
