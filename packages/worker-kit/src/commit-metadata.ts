/**
 * The finished offsets beyond a partition's committed offset, carried in the commit's metadata
 * string. A commit can only say "everything before N is done"; when message N is slow, the messages
 * after it that already finished would be handled again by the next owner after a rebalance, a
 * graceful stop or a crash. The next owner reads this set and skips them, so only work that was
 * really in flight is repeated.
 *
 * Format: `d1:` then comma-separated ranges of offsets relative to the committed offset, in base 36
 * (`3`, `5-9`). Kafka rejects metadata over `offset.metadata.max.bytes` (4096 by default) and with
 * it the whole commit, so the list is cut at MAX_CHARS: a dropped range means a repeat, never a loss.
 */
const PREFIX = 'd1:'
const MAX_CHARS = 3_000
/** A range longer than any in-flight window cannot be ours: ignore it rather than allocate for it. */
const MAX_RANGE = 1_000_000

export function encodeDoneAhead(base: number, doneAhead: readonly number[]): string | null {
  if (doneAhead.length === 0) return null
  let out = PREFIX
  let i = 0
  while (i < doneAhead.length) {
    const start = doneAhead[i]!
    let end = start
    while (i + 1 < doneAhead.length && doneAhead[i + 1] === end + 1) end = doneAhead[++i]!
    i++
    const range =
      start === end
        ? (start - base).toString(36)
        : `${(start - base).toString(36)}-${(end - base).toString(36)}`
    const next = out.length === PREFIX.length ? `${out}${range}` : `${out},${range}`
    if (next.length > MAX_CHARS) break
    out = next
  }
  return out
}

/** The absolute finished offsets in a commit's metadata; empty for anything it does not recognise. */
export function decodeDoneAhead(base: number, metadata: string | null | undefined): Set<number> {
  const done = new Set<number>()
  if (!metadata?.startsWith(PREFIX)) return done
  for (const range of metadata.slice(PREFIX.length).split(',')) {
    const [from, to = from] = range.split('-')
    const start = Number.parseInt(from ?? '', 36)
    const end = Number.parseInt(to ?? '', 36)
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(end) ||
      start < 1 ||
      end < start ||
      end - start > MAX_RANGE
    )
      continue
    for (let rel = start; rel <= end; rel++) done.add(base + rel)
  }
  return done
}
