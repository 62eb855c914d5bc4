/** A tracked message; hand it back to `finish`. */
export interface TrackedOffset {
  readonly offset: number
  done: boolean
}

export interface CommitPoint {
  /** The offset to commit: the first unfinished message, or one past the last accepted. */
  offset: number
  /** Finished offsets after `offset`, so a next owner can skip them (see commit-metadata.ts). */
  doneAhead: number[]
}

/**
 * Finished-offset bookkeeping of one partition. Messages finish in any order (different keys run
 * concurrently); the committable offset only ever covers the contiguous finished prefix, so a crash
 * never skips a message that was still running or waiting for its retry hand-off.
 *
 * Offsets are JavaScript numbers: exact up to 2^53, far beyond any partition's lifetime.
 */
export class OffsetTracker {
  /** From the first unfinished entry (`head`) to the last accepted one; finished heads are dropped. */
  private queue: TrackedOffset[] = []
  private head = 0
  private changed = false
  /** Highest offset handed to the tracker; anything at or below it was seen before. */
  lastAccepted = -1

  /** Messages accepted and not yet part of the finished prefix: the partition's in-flight window. */
  get pending(): number {
    return this.queue.length - this.head
  }

  /** Accepts the next message; the caller keeps the entry for `finish` (no lookup per message). */
  track(offset: number): TrackedOffset {
    if (offset <= this.lastAccepted) throw new RangeError(`offset ${offset} tracked twice or out of order`)
    const entry = { offset, done: false }
    this.queue.push(entry)
    this.lastAccepted = offset
    return entry
  }

  /** Marks a message finished; returns false if it already was. */
  finish(entry: TrackedOffset): boolean {
    if (entry.done) return false
    entry.done = true
    this.changed = true
    while (this.head < this.queue.length && this.queue[this.head]!.done) this.head++
    // Drop the consumed front now and then instead of shifting on every finish.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
    return true
  }

  /** The first offset not yet finished (one past the last accepted when all are). */
  get nextOffset(): number | undefined {
    if (this.lastAccepted < 0) return undefined
    return this.queue[this.head]?.offset ?? this.lastAccepted + 1
  }

  /** Where the partition stands now, whether or not it changed since the last `takeCommit`. */
  position(): CommitPoint | undefined {
    if (this.lastAccepted < 0) return undefined
    const first = this.queue[this.head]
    if (first === undefined) return { offset: this.lastAccepted + 1, doneAhead: [] }
    const doneAhead: number[] = []
    for (let i = this.head + 1; i < this.queue.length; i++) {
      const entry = this.queue[i]!
      if (entry.done) doneAhead.push(entry.offset)
    }
    return { offset: first.offset, doneAhead }
  }

  /** The commit point if anything finished since the last call, else undefined. */
  takeCommit(): CommitPoint | undefined {
    if (!this.changed) return undefined
    this.changed = false
    return this.position()
  }

  /** Undoes `takeCommit` when the commit failed, so the next round tries again. */
  commitFailed(): void {
    this.changed = true
  }
}
