import type { JobView, StageView, SubmitLinksResponse, VideoView } from '@vodscope/contracts'

export const STAGES = ['metadata', 'chat', 'audio', 'highlights'] as const

/** A table of ranked highlights with deep links; what `vodscope highlights` and the demo print. */
export function formatHighlights(video: Pick<VideoView, 'videoKey' | 'title' | 'highlights'>): string {
  const rows = video.highlights.map((h) => [
    String(h.rank),
    clock(h.startSec),
    clock(h.endSec),
    h.score.toFixed(2),
    h.signals.audio === undefined ? '' : h.signals.audio.toFixed(2),
    h.signals.chat === undefined ? '' : h.signals.chat.toFixed(2),
    evidenceText(h.evidence),
    chatSaid(h.chat),
    h.url,
  ])
  const title = `${video.videoKey} — ${video.title}`
  if (rows.length === 0) return `${title}\n(no highlights)`
  return [
    title,
    ...table(['#', 'start', 'end', 'score', 'audio', 'chat', 'evidence', 'chat said', 'link'], rows),
  ].join('\n')
}

/**
 * `+18.2 dB · chat 240/min (usual 12)`: how much louder than the stream's usual level the moment is,
 * and its chat rate beside the VOD's usual one — what the score is made of, in readable units.
 */
export function evidenceText(evidence: VideoView['highlights'][number]['evidence']): string {
  if (evidence === undefined) return ''
  const db = `${evidence.loudnessDb >= 0 ? '+' : ''}${evidence.loudnessDb.toFixed(1)} dB`
  if (evidence.chatPerMin === undefined) return db
  const usual =
    evidence.usualChatPerMin === undefined ? '' : ` (usual ${Math.round(evidence.usualChatPerMin)})`
  return `${db} · chat ${Math.round(evidence.chatPerMin)}/min${usual}`
}

/** `ㅋㅋ×40 way×12 · Kappa×9 · 3 donations (510)`: the top three tokens and emotes, and donations. */
export function chatSaid(chat: VideoView['highlights'][number]['chat']): string {
  if (chat === undefined) return ''
  const counted = (list: { text: string; count: number }[]) =>
    list
      .slice(0, 3)
      .map((t) => `${t.text}×${t.count}`)
      .join(' ')
  const parts = [counted(chat.topTokens), counted(chat.topEmotes)]
  if (chat.donations !== undefined) parts.push(`${chat.donations.count} donations (${chat.donations.total})`)
  return parts.filter((p) => p !== '').join(' · ')
}

/** `h:mm:ss` of a VOD offset in seconds. */
export function clock(sec: number): string {
  const s = Math.floor(sec)
  const hh = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return `${hh}:${mm}:${ss}`
}

const BAR_WIDTH = 24 // characters

/** `metadata    [############------------]  50%  3/6 running` */
export function progressLine(stage: string, view: StageView): string {
  const ratio =
    view.status === 'done' || view.status === 'skipped'
      ? 1
      : view.progress.total > 0
        ? Math.min(1, view.progress.done / view.progress.total)
        : 0
  const filled = Math.round(ratio * BAR_WIDTH)
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`
  const count = view.progress.total > 0 ? ` ${view.progress.done}/${view.progress.total}` : ''
  const error = view.error === null ? '' : ` — ${view.error.code}: ${view.error.message}`
  return `  ${stage.padEnd(10)} ${bar} ${String(Math.round(ratio * 100)).padStart(3)}%${count} ${view.status}${error}`
}

export function formatJob(job: JobView): string {
  const head = `job ${job.jobId}  ${job.videoKey}  ${job.finished ? 'finished' : 'in progress'}  (updated ${job.updatedAt})`
  return [head, ...STAGES.map((s) => progressLine(s, job.stages[s]))].join('\n')
}

export function formatSubmitResults(response: SubmitLinksResponse): string {
  return response.results
    .map((r) =>
      r.status === 'accepted'
        ? `accepted  ${r.link} → job ${r.jobId} (${r.videoKey})${r.created ? '' : ', existing job'}`
        : `rejected  ${r.link}: ${r.message} (${r.reason})`,
    )
    .join('\n')
}

export interface DeadLetterRow {
  id: string
  group: string
  at: string
  key: string | null
  reason: string | null
  attempts: number | null
  original: { topic: string; partition: number; offset: string } | null
}

export function formatDeadLetters(letters: DeadLetterRow[], total: number): string {
  if (letters.length === 0) return 'no pending dead letters'
  const rows = letters.map((l) => [
    l.group,
    l.id,
    l.at,
    l.key ?? '',
    l.attempts === null ? '' : String(l.attempts),
    l.original === null ? '' : `${l.original.topic}[${l.original.partition}]@${l.original.offset}`,
    l.reason ?? '',
  ])
  const shown = letters.length < total ? `\n(${letters.length} of ${total} shown)` : ''
  return table(['group', 'id', 'at', 'key', 'attempts', 'original', 'reason'], rows).join('\n') + shown
}

/** Columns padded to their widest cell, two spaces apart. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}
