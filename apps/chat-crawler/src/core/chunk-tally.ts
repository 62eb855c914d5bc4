import type { MinuteChatters } from '@vodscope/contracts'

/** The fields of a crawled message the tally needs; `offsetMs` is VOD time. */
export interface TallyMessage {
  id: string
  offsetMs: number
  authorId: string
}

export interface ChunkRange {
  startSec: number
  endSec: number
}

export type { MinuteChatters }

/**
 * Everything one chunk learns while its pages stream past: which messages belong to it, per-second
 * counts and who chatted in each minute. The platform clients already return each message of a range
 * once; the tally checks again because a message counted by two chunks, or twice by one, would skew
 * the signal silently.
 * Holds one chunk's ids and authors, never a whole VOD.
 *
 * `counts[i]` is the number of messages with floor(offsetSec) == baseSec + i, where baseSec is the
 * chunk start rounded down: two chunks meeting at a fractional second both count into that second,
 * so readers must add overlapping seconds, not overwrite them.
 */
export class ChunkTally {
  readonly baseSec: number
  private readonly seen = new Set<string>()
  private readonly counts: number[]
  private readonly chatters = new Map<number, Set<string>>()

  constructor(private readonly range: ChunkRange) {
    this.baseSec = Math.floor(range.startSec)
    this.counts = new Array(Math.max(1, Math.ceil(range.endSec) - this.baseSec)).fill(0)
  }

  /** Returns the messages of `page` that are new and belong to this chunk, and counts them. */
  accept<T extends TallyMessage>(page: readonly T[]): T[] {
    const fresh: T[] = []
    for (const message of page) {
      if (!this.contains(message.offsetMs) || this.seen.has(message.id)) continue
      this.seen.add(message.id)
      fresh.push(message)
      const second = Math.floor(message.offsetMs / 1000)
      const index = second - this.baseSec
      this.counts[index] = (this.counts[index] ?? 0) + 1
      const minute = Math.floor(second / 60)
      let authors = this.chatters.get(minute)
      if (authors === undefined) {
        authors = new Set()
        this.chatters.set(minute, authors)
      }
      authors.add(message.authorId)
    }
    return fresh
  }

  get messageCount(): number {
    return this.seen.size
  }

  perSecond(): number[] {
    return [...this.counts]
  }

  minuteChatters(): MinuteChatters[] {
    return [...this.chatters]
      .sort(([a], [b]) => a - b)
      .map(([minute, authors]) => ({ minute, authorIds: [...authors].sort() }))
  }

  private contains(offsetMs: number): boolean {
    return offsetMs >= this.range.startSec * 1000 && offsetMs < this.range.endSec * 1000
  }
}
