import type { JobEventV1 } from '@vodscope/contracts'

export interface JobEventSubscriber {
  onEvent(event: JobEventV1): void
  /** The hub is shutting down; the subscriber should end its stream. */
  onClose(): void
}

/**
 * In-memory fan-out of job events to the SSE streams of this instance. Events of jobs nobody watches
 * are dropped at the cost of one map lookup, so the consumer can read the whole topic.
 */
export class JobEventsHub {
  private readonly subscribers = new Map<string, Set<JobEventSubscriber>>()
  private closed = false

  /** Returns the unsubscribe function. */
  subscribe(jobId: string, subscriber: JobEventSubscriber): () => void {
    if (this.closed) {
      queueMicrotask(() => subscriber.onClose())
      return () => undefined
    }
    let set = this.subscribers.get(jobId)
    if (set === undefined) {
      set = new Set()
      this.subscribers.set(jobId, set)
    }
    set.add(subscriber)
    return () => {
      set.delete(subscriber)
      if (set.size === 0 && this.subscribers.get(jobId) === set) this.subscribers.delete(jobId)
    }
  }

  dispatch(event: JobEventV1): void {
    const set = this.subscribers.get(event.jobId)
    if (set === undefined) return
    // Copy: a subscriber may unsubscribe (job finished) while we iterate.
    for (const subscriber of [...set]) subscriber.onEvent(event)
  }

  get size(): number {
    let n = 0
    for (const set of this.subscribers.values()) n += set.size
    return n
  }

  close(): void {
    this.closed = true
    const all = [...this.subscribers.values()].flatMap((set) => [...set])
    this.subscribers.clear()
    for (const subscriber of all) subscriber.onClose()
  }
}
