/** The fields of a crawled message the tally needs; `offsetMs` is VOD time. */
export interface TallyMessage {
  id: string
  offsetMs: number
  authorId: string
}

export interface ChunkRange {
  startSec: number
  endSec: number
  /** The last chunk of a part also takes messages stamped past the part's nominal end. */
  openEnd: boolean
}

/** Authors seen in one minute of VOD time (`minute` = floor(offsetSec / 60)). */
export interface MinuteChatters {
  minute: number
  authorIds: string[]
}

/**
 * Everything one chunk learns while its pages stream past: which messages belong to it (in range and
 * not seen before — upstream windows overlap), per-second counts and who chatted in each minute.
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
      while (this.counts.length <= index) this.counts.push(0)
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

  /** True once a page reaches past the range: later pages cannot hold messages of this chunk. */
  isPastEnd(page: readonly TallyMessage[]): boolean {
    if (this.range.openEnd) return false
    const last = page.at(-1)
    return last !== undefined && last.offsetMs >= this.range.endSec * 1000
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
    if (offsetMs < this.range.startSec * 1000) return false
    return this.range.openEnd || offsetMs < this.range.endSec * 1000
  }
}
