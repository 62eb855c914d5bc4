import { LIMITS, type VideoPart } from '@vodscope/contracts'
import type { VideoMetadata } from '@vodscope/platforms'

/** Longest part id the contract carries (VideoPart.partId). */
const MAX_PART_ID = 128

export type Normalized = { ok: true; meta: VideoMetadata } | { ok: false; reason: string }

/**
 * Upstream metadata brought inside the contract's bounds before it is stored or sent. Cosmetic fields
 * are repaired: an over-long title or channel name is cut (with an ellipsis), a `publishedAt` that is
 * not a full timestamp is parsed (`2026-11-30` → `2026-11-30T00:00:00.000Z`) or dropped when it does
 * not parse. Fields the later stages compute with are never guessed: a duration past seven days, too
 * many parts or a part id the chat API could not have given refuse the video, with the reason.
 */
export function normalizeMetadata(meta: VideoMetadata): Normalized {
  if (!Number.isFinite(meta.durationSec) || meta.durationSec < 0 || meta.durationSec > LIMITS.maxSeconds) {
    return {
      ok: false,
      reason: `duration ${meta.durationSec} s is not within 0..${LIMITS.maxSeconds} s (7 days)`,
    }
  }
  if (meta.parts.length === 0 || meta.parts.length > LIMITS.maxParts) {
    return { ok: false, reason: `${meta.parts.length} parts is not within 1..${LIMITS.maxParts}` }
  }
  for (const part of meta.parts) {
    const problem = partProblem(part)
    if (problem !== undefined) return { ok: false, reason: `part ${part.index}: ${problem}` }
  }
  const publishedAt = normalizeTime(meta.publishedAt)
  const { publishedAt: _dropped, ...rest } = meta
  return {
    ok: true,
    meta: {
      ...rest,
      title: cut(meta.title, LIMITS.maxTitle),
      channel: { id: cut(meta.channel.id, LIMITS.maxName), name: cut(meta.channel.name, LIMITS.maxName) },
      ...(publishedAt === undefined ? {} : { publishedAt }),
    },
  }
}

function partProblem(part: VideoPart): string | undefined {
  if (part.partId.length === 0 || part.partId.length > MAX_PART_ID) {
    return `id of ${part.partId.length} characters is not within 1..${MAX_PART_ID}`
  }
  for (const [name, value] of [
    ['start', part.startSec],
    ['duration', part.durationSec],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value > LIMITS.maxSeconds) {
      return `${name} ${value} s is not within 0..${LIMITS.maxSeconds} s`
    }
  }
  if (
    part.chatWindowSec !== undefined &&
    !(part.chatWindowSec > 0 && part.chatWindowSec <= LIMITS.maxChunkSec)
  ) {
    return `chat window ${part.chatWindowSec} s is not within 0..${LIMITS.maxChunkSec} s`
  }
  return undefined
}

/** An ISO timestamp, or undefined when the value does not parse as a date. */
function normalizeTime(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 64) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/** At most `max` UTF-16 units, cut on a code point boundary, ending in "…" when cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text
  let kept = ''
  for (const point of text) {
    if (kept.length + point.length > max - 1) break
    kept += point
  }
  return `${kept}…`
}
