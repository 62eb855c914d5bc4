import { parseArgs } from 'node:util'
import { parseVideoUrl } from '@vodscope/contracts'

export const DEFAULT_GATEWAY = 'http://127.0.0.1:3000'
/** `doctor --clips --top`: clips compared by default, and at most (one listing page). */
export const DEFAULT_CLIPS_TOP = 20
export const MAX_CLIPS_TOP = 100

export const USAGE = `usage: vodscope <command> [options]

commands:
  submit <url...> [--wait] [--force]   submit VOD links; --wait follows each job live, then prints highlights
  status <jobId>                       a job's stages with progress
  highlights <videoKey> [--format <f>] a video's ranked highlights as a table, or exported: --format
                                       json | csv | chapters (YouTube) | edl (CMX3600) | ffmpeg (cut script)
  doctor [<url...>]                    check every platform operation against the real services (the one
                                       command that calls out): metadata, two chat pages, audio
  doctor --clips <twitch VOD url> [--top N]
                                       how many of viewers' N most-viewed clips (default ${DEFAULT_CLIPS_TOP}, at most
                                       ${MAX_CLIPS_TOP}) start inside one of the VOD's top-10 highlights, beside
                                       the share ten ranges of the same lengths placed at random would
                                       get (computed exactly). Submits the link to the gateway (a known
                                       video keeps its job: nothing is redone), follows the job to its
                                       end, reads the highlights, then reads the clips from Twitch.
                                       Exit 0: figure computed; 1: it could not be (gateway or Twitch
                                       failed, no highlights, no clips with an offset); 2: usage
  dlq list [--group <group>]           pending dead letters
  dlq replay --group <group> (--all | <id...>)
                                       move dead letters back to their original topics

options:
  --gateway <url>    gateway base URL (env VODSCOPE_GATEWAY_URL, default ${DEFAULT_GATEWAY})
  --api-key <key>    API key, when the gateway requires one (env VODSCOPE_API_KEY)
  -h, --help         this text`

export type Command =
  | { name: 'help' }
  | { name: 'submit'; links: string[]; wait: boolean; force: boolean }
  | { name: 'status'; jobId: string }
  | { name: 'highlights'; videoKey: string; format: HighlightFormat | undefined }
  | { name: 'doctor'; urls: string[] }
  | { name: 'doctor-clips'; url: string; videoId: string; top: number }
  | { name: 'dlq-list'; group: string | undefined }
  | { name: 'dlq-replay'; group: string; select: { all: true } | { ids: string[] } }

/** What `GET /v1/videos/:videoKey/highlights?format=` serves; the table is the CLI's own. */
export const HIGHLIGHT_FORMATS = ['json', 'csv', 'chapters', 'edl', 'ffmpeg'] as const
export type HighlightFormat = (typeof HIGHLIGHT_FORMATS)[number]

export interface Invocation {
  command: Command
  gateway: string
  apiKey: string | undefined
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Reads argv (without node and the script) and the environment; throws UsageError on any mistake. */
export function parseInvocation(argv: string[], env: NodeJS.ProcessEnv = {}): Invocation {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  const gateway = (values.gateway ?? env.VODSCOPE_GATEWAY_URL ?? DEFAULT_GATEWAY).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/]+/.test(gateway)) throw new UsageError(`--gateway ${gateway}: use an http(s) URL`)
  const apiKey = values['api-key'] ?? (env.VODSCOPE_API_KEY || undefined)
  const command = values.help ? { name: 'help' as const } : toCommand(positionals, values)
  return { command, gateway, apiKey }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      gateway: { type: 'string' },
      'api-key': { type: 'string' },
      wait: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      group: { type: 'string' },
      all: { type: 'boolean', default: false },
      format: { type: 'string' },
      clips: { type: 'string' },
      top: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}

function toCommand(positionals: string[], values: ReturnType<typeof parse>['values']): Command {
  const [name, ...rest] = positionals
  switch (name) {
    case 'submit':
      if (rest.length === 0) throw new UsageError('submit: give at least one VOD link')
      return { name, links: rest, wait: values.wait, force: values.force }
    case 'status':
      return { name, jobId: one(name, rest, 'a job id') }
    case 'highlights':
      return {
        name,
        videoKey: one(name, rest, 'a video key (platform:videoId)'),
        format: formatOf(values.format),
      }
    case 'dlq':
      return dlqCommand(rest, values)
    case 'doctor':
      return doctorCommand(rest, values)
    case undefined:
      return { name: 'help' }
    default:
      throw new UsageError(`unknown command "${name}"`)
  }
}

function doctorCommand(rest: string[], values: ReturnType<typeof parse>['values']): Command {
  if (values.clips === undefined) {
    if (values.top !== undefined) throw new UsageError('doctor: --top goes with --clips')
    return { name: 'doctor', urls: rest }
  }
  if (rest.length > 0) throw new UsageError('doctor --clips takes one Twitch VOD link and no other links')
  const parsed = parseVideoUrl(values.clips)
  if (!parsed.ok) throw new UsageError(`--clips ${values.clips}: ${parsed.message}`)
  if (parsed.platform !== 'twitch')
    throw new UsageError(
      `--clips: clips with VOD offsets are a Twitch feature; give a twitch.tv/videos/ link`,
    )
  const top = values.top === undefined ? DEFAULT_CLIPS_TOP : Number(values.top)
  if (!Number.isInteger(top) || top < 1 || top > MAX_CLIPS_TOP)
    throw new UsageError(`--top ${values.top}: use a whole number from 1 to ${MAX_CLIPS_TOP}`)
  return { name: 'doctor-clips', url: values.clips, videoId: parsed.videoId, top }
}

function dlqCommand(rest: string[], values: ReturnType<typeof parse>['values']): Command {
  const [sub, ...ids] = rest
  if (sub === 'list') {
    if (ids.length > 0) throw new UsageError('dlq list takes no arguments (use --group)')
    return { name: 'dlq-list', group: values.group }
  }
  if (sub === 'replay') {
    if (values.group === undefined) throw new UsageError('dlq replay: --group is required')
    if (values.all === ids.length > 0)
      throw new UsageError('dlq replay: give either --all or dead-letter ids')
    return { name: 'dlq-replay', group: values.group, select: values.all ? { all: true } : { ids } }
  }
  throw new UsageError('dlq: use "dlq list" or "dlq replay"')
}

function formatOf(raw: string | undefined): HighlightFormat | undefined {
  if (raw === undefined) return undefined
  const format = HIGHLIGHT_FORMATS.find((f) => f === raw)
  if (format === undefined)
    throw new UsageError(`--format ${raw}: use one of ${HIGHLIGHT_FORMATS.join(', ')}`)
  return format
}

function one(command: string, rest: string[], what: string): string {
  if (rest.length !== 1 || rest[0] === undefined) throw new UsageError(`${command}: give exactly ${what}`)
  return rest[0]
}
