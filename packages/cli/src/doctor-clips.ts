import type { SubmitLinksResponse, VideoView } from '@vodscope/contracts'
import {
  createPlatforms,
  isPlatformError,
  platformsConfigFromEnv,
  type VodClip,
  type VodClips,
} from '@vodscope/platforms'
import { type Agreement, clipAgreement, TOP_HIGHLIGHTS } from './agreement.js'
import type { Command } from './args.js'
import { CliError, type GatewayClient } from './client.js'
import { follow } from './follow-job.js'
import { clock, table } from './format.js'
import type { Io } from './io.js'
import { LiveProgress } from './live-progress.js'

type DoctorClips = Extract<Command, { name: 'doctor-clips' }>

/**
 * `vodscope doctor --clips <url>`: the VOD's highlights from the gateway, its most-viewed clips from
 * Twitch, and how often the two agree. The highlights come from submitting the link: the gateway
 * returns a known video's job as it is (`created: false`, nothing redone), so an analysed VOD answers
 * at once and a new one is analysed first. Progress goes to stderr; the report to stdout.
 */
export async function doctorClips(
  command: DoctorClips,
  client: GatewayClient,
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const video = await analysedVideo(client, command.url, io)
  const platforms = createPlatforms(platformsConfigFromEnv(env))
  let clips: VodClips
  try {
    clips = await platforms.getTwitchVodClips(command.videoId, { top: command.top })
  } catch (error) {
    if (isPlatformError(error))
      throw new CliError(`Twitch clips of ${video.videoKey}: ${error.code}: ${error.message}`)
    throw error
  } finally {
    await platforms.close()
  }
  const durationSec = video.durationSec > 0 ? video.durationSec : clips.vodLengthSec
  const agreement = clipAgreement(clips.clips, video.highlights, durationSec)
  io.out.write(`${formatClipAgreement(video, clips, agreement, durationSec)}\n`)
  if (agreement.highlights.length === 0 || agreement.share === null) return 1
  return 0
}

/** Submits the link, follows its job to the end, and reads the video with its highlights. */
async function analysedVideo(client: GatewayClient, url: string, io: Io): Promise<VideoView> {
  const body = await client.post<SubmitLinksResponse | { details: SubmitLinksResponse }>(
    '/v1/links',
    { links: [url] },
    [422],
  )
  const result = ('details' in body ? body.details : body).results[0]
  if (result === undefined) throw new CliError('the gateway answered no result for the link')
  if (result.status === 'rejected') throw new CliError(`the gateway rejected ${url}: ${result.message}`)
  io.err.write(
    `${result.created ? 'analysing' : 'known to the gateway'}: ${result.videoKey} (job ${result.jobId})\n`,
  )
  const job = await follow(client, result.jobId, result.videoKey, new LiveProgress(io.err))
  if (job.stages.highlights.status !== 'done') {
    const failed = Object.entries(job.stages)
      .filter(([, s]) => s.status === 'failed')
      .map(([name, s]) => `${name}${s.error === null ? '' : ` (${s.error.code}: ${s.error.message})`}`)
    throw new CliError(
      `job ${result.jobId} ended without highlights (highlights ${job.stages.highlights.status}` +
        `${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''})`,
    )
  }
  return client.get<VideoView>(`/v1/videos/${encodeURIComponent(result.videoKey)}`)
}

const TITLE_WIDTH = 40 // characters

export function formatClipAgreement(
  video: Pick<VideoView, 'videoKey' | 'title'>,
  clips: VodClips,
  agreement: Agreement<VodClip>,
  durationSec: number,
): string {
  const lines = [`${video.videoKey} — ${printable(video.title)}`]
  lines.push(
    `highlights: top ${agreement.highlights.length} of ${TOP_HIGHLIGHTS} cover ${percent(agreement.coverage)} of ${clock(durationSec)}`,
  )
  lines.push(
    `clips: ${clips.clips.length} of this VOD, most viewed first, among ${clips.scanned} of channel ` +
      `${clips.channelLogin} read (${clips.period}, ${clips.pages} page(s))`,
  )
  if (!clips.complete)
    lines.push('note: the listing was cut at the page bound; a more-viewed clip of this VOD may be unread')
  if (agreement.rows.length > 0) {
    lines.push('')
    lines.push(
      ...table(
        ['#', 'offset', 'views', 'in highlight', 'clip', 'link'],
        agreement.rows.map((row, i) => [
          String(i + 1),
          clock(row.clip.offsetSec),
          String(row.clip.viewCount),
          row.highlightRank === null ? 'no' : `yes (#${row.highlightRank})`,
          printable(row.clip.title).slice(0, TITLE_WIDTH),
          row.clip.url,
        ]),
      ),
    )
  }
  lines.push('')
  if (agreement.highlights.length === 0) {
    lines.push('no highlights: nothing to compare the clips with')
  } else if (agreement.share === null || agreement.baseline === null) {
    lines.push('no clips of this VOD carry an offset: nothing to compare the highlights with')
  } else {
    lines.push(
      `agreement: ${agreement.inside}/${agreement.rows.length} clips (${percent(agreement.share)}) start inside a top-${TOP_HIGHLIGHTS} highlight`,
    )
    lines.push(
      `random baseline: ${percent(agreement.baseline)} (exact expectation at these clips' offsets if ` +
        `${agreement.highlights.length} ranges of the same lengths were placed independently and uniformly at random in the VOD)`,
    )
  }
  return lines.join('\n')
}

function percent(ratio: number): string {
  return `${(100 * ratio).toFixed(1)}%`
}

/** Titles come from Twitch: control characters (terminal escapes) become spaces. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
}
