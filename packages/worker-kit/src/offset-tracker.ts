/** A tracked message's position in its tracker; hand it back to `finish`. */
export type TrackedOffset = number

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
 * Two parallel arrays rather than an object per message: this runs for every message, and
 * allocation is what a busy consumer pays for most. Offsets are JavaScript numbers: exact up to
 * 2^53, far beyond any partition's lifetime.
 */
export class OffsetTracker {
  /** Accepted offsets from the first unfinished one (`head`) on; the front is dropped now and then. */
  private offsets: number[] = []
  private done: boolean[] = []
  private head = 0
  /** Position (as returned by `track`) of `offsets[0]`. */
  private base = 0
  private changed = false
  /** Highest offset handed to the tracker; anything at or below it was seen before. */
  lastAccepted = -1

  /** Messages accepted and not yet part of the finished prefix: the partition's in-flight window. */
  get pending(): number {
    return this.offsets.length - this.head
  }

  /** Accepts the next message; the caller keeps the position for `finish` (no lookup per message). */
  track(offset: number): TrackedOffset {
    if (offset <= this.lastAccepted) throw new RangeError(`offset ${offset} tracked twice or out of order`)
    this.offsets.push(offset)
    this.done.push(false)
    this.lastAccepted = offset
    return this.base + this.offsets.length - 1
  }

  /** Marks a message finished; returns false if it already was. */
  finish(position: TrackedOffset): boolean {
    const i = position - this.base
    if (i < this.head || i >= this.offsets.length || this.done[i]) return false
    this.done[i] = true
    this.changed = true
    while (this.head < this.offsets.length && this.done[this.head]) this.head++
    if (this.head > 1024 && this.head * 2 > this.offsets.length) {
      this.offsets = this.offsets.slice(this.head)
      this.done = this.done.slice(this.head)
      this.base += this.head
      this.head = 0
    }
    return true
  }

  /** The first offset not yet finished (one past the last accepted when all are). */
  get nextOffset(): number | undefined {
    if (this.lastAccepted < 0) return undefined
    return this.offsets[this.head] ?? this.lastAccepted + 1
  }

  /** Where the partition stands now, whether or not it changed since the last `takeCommit`. */
  position(): CommitPoint | undefined {
    const offset = this.nextOffset
    if (offset === undefined) return undefined
    const doneAhead: number[] = []
    for (let i = this.head + 1; i < this.offsets.length; i++) {
      if (this.done[i]) doneAhead.push(this.offsets[i]!)
    }
    return { offset, doneAhead }
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
