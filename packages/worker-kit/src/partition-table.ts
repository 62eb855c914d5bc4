import type { Lanes } from './key-scheduler.js'
import { OffsetTracker } from './offset-tracker.js'

/** One assigned partition as this member sees it during one stretch of ownership. */
export class PartitionState {
  readonly id: string
  readonly tracker = new OffsetTracker()
  /** The key scheduler's per-key lanes of this partition. */
  readonly lanes: Lanes = new Map()
  /** Aborted when the partition is revoked or a stop's deadline passes: handlers should give up. */
  readonly abort = new AbortController()
  /** Offsets the previous owner finished beyond its committed offset (from the commit metadata). */
  skip = new Set<number>()
  /** Settles once `skip` is known; the first batch waits for it. */
  ready: Promise<void> = Promise.resolve()
  /** Paused by us because the in-flight window is full. */
  paused = false
  highWatermark = -1

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {
    this.id = `${topic}|${partition}`
  }

  get revoked(): boolean {
    return this.abort.signal.aborted
  }
}

export interface PartitionTableHooks {
  /** Starts loading what the previous owners finished; called once per batch of fresh partitions. */
  loadSkips(states: PartitionState[]): void
  revoked(state: PartitionState): void
}

/**
 * The partitions this member owns, rebuilt at every group join. How rebalances stay safe:
 *
 * - kafkajs rebalances eagerly: at each new generation every member gets a whole new assignment. A
 *   partition in both the previous and the new assignment of the same member id was owned by nobody
 *   else in between (no generation lies between two consecutive joins), so its state is kept: its
 *   running handlers go on, and the messages kafkajs fetches again from the committed offset are
 *   recognised by offset and not run twice.
 * - A partition that left the assignment is revoked: its signal aborts, and it leaves this table.
 *   Commits only ever read this table, so the results of its handlers, still running or finishing
 *   later, can never be committed under the new generation, where another member owns it.
 * - A changed member id means the coordinator forgot us (session expired, or the consumer crashed
 *   and rejoined): others may have processed anything, so every partition starts fresh.
 */
export class PartitionTable {
  private readonly states = new Map<string, PartitionState>()
  private memberId: string | undefined

  constructor(private readonly hooks: PartitionTableHooks) {}

  get(topic: string, partition: number): PartitionState | undefined {
    return this.states.get(`${topic}|${partition}`)
  }

  all(): IterableIterator<PartitionState> {
    return this.states.values()
  }

  get size(): number {
    return this.states.size
  }

  /** Applies the assignment of a new generation; returns the partitions that start fresh. */
  assign(memberId: string, assignment: Record<string, number[]>): PartitionState[] {
    const continuous = memberId === this.memberId
    this.memberId = memberId
    const wanted = new Set<string>()
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) wanted.add(`${topic}|${partition}`)
    }
    for (const state of [...this.states.values()]) {
      if (!continuous || !wanted.has(state.id)) this.revoke(state)
    }
    const fresh: PartitionState[] = []
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        if (this.states.has(`${topic}|${partition}`)) continue
        const state = new PartitionState(topic, partition)
        this.states.set(state.id, state)
        fresh.push(state)
      }
    }
    if (fresh.length > 0) this.hooks.loadSkips(fresh)
    return fresh
  }

  /** A partition kafkajs delivered without a join we saw: treat it as freshly assigned. */
  adopt(topic: string, partition: number): PartitionState {
    const state = new PartitionState(topic, partition)
    this.states.set(state.id, state)
    this.hooks.loadSkips([state])
    return state
  }

  /** Forgets every partition, e.g. after a crash or at stop; the member id is forgotten too. */
  revokeAll(): void {
    for (const state of [...this.states.values()]) this.revoke(state)
    this.memberId = undefined
  }

  /** Aborts the handlers of every partition without forgetting them: a stop's deadline. */
  abortAll(): void {
    for (const state of this.states.values()) state.abort.abort()
  }

  private revoke(state: PartitionState): void {
    this.states.delete(state.id)
    state.abort.abort()
    this.hooks.revoked(state)
  }
}
