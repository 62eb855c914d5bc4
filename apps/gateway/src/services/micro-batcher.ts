import { DeadlineError } from './deadline.js'

/**
 * Coalesces work that arrives together into one round trip. Callers submit a group (one request's
 * messages or keys) and get that group's result; groups queued while a flush is in flight go out
 * together as soon as it returns, so under load the batch size grows with the round-trip time instead
 * of the throughput stopping at one request per round trip.
 */
export interface MicroBatcherOptions<G, R> {
  /** Sends the groups in one round trip; resolves one result per group, in order. */
  flush(groups: G[]): Promise<R[]>
  /** The weight of a group against `maxBatch` (e.g. messages in it). */
  size(group: G): number
  /** Most weight per flush; a single heavier group still goes out, alone. */
  maxBatch: number
  /** Flushes in flight at once. */
  maxConcurrent: number
  /** How long an idle batcher waits for company before flushing; 0 flushes on the next tick. */
  lingerMs: number
  /** Observes every finished flush, for metrics. */
  onFlush?(groups: number, weight: number, durationMs: number, error: unknown): void
}

interface Pending<G, R> {
  group: G
  weight: number
  resolve(result: R): void
  reject(error: unknown): void
  timer: NodeJS.Timeout
  settled: boolean
}

export class MicroBatcher<G, R> {
  private queue: Pending<G, R>[] = []
  private queuedWeight = 0
  private inFlight = 0
  private scheduled = false
  private closed = false

  constructor(private readonly options: MicroBatcherOptions<G, R>) {}

  /**
   * Resolves with the group's result, or rejects with DeadlineError after `timeoutMs`. A group that
   * times out before it was sent is dropped; one already in flight is not recalled.
   */
  submit(group: G, timeoutMs: number): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the batcher is closed'))
    return new Promise<R>((resolve, reject) => {
      const pending: Pending<G, R> = {
        group,
        weight: this.options.size(group),
        resolve,
        reject,
        settled: false,
        timer: setTimeout(() => this.expire(pending, timeoutMs), timeoutMs),
      }
      this.queue.push(pending)
      this.queuedWeight += pending.weight
      this.pump()
    })
  }

  /** Weight waiting to be sent. */
  get backlog(): number {
    return this.queuedWeight
  }

  /** Rejects everything queued and refuses new work; flushes in flight finish on their own. */
  close(): void {
    this.closed = true
    for (const pending of this.queue.splice(0))
      settle(pending, () => pending.reject(new Error('the batcher is closed')))
    this.queuedWeight = 0
  }

  private pump(): void {
    if (this.queue.length === 0 || this.inFlight >= this.options.maxConcurrent) return
    if (this.queuedWeight >= this.options.maxBatch) {
      this.flushNext()
      return
    }
    if (this.scheduled) return
    this.scheduled = true
    const go = () => {
      this.scheduled = false
      if (this.inFlight < this.options.maxConcurrent) this.flushNext()
    }
    if (this.options.lingerMs > 0) setTimeout(go, this.options.lingerMs)
    else setImmediate(go)
  }

  private flushNext(): void {
    const batch: Pending<G, R>[] = []
    let weight = 0
    while (this.queue.length > 0) {
      const next = this.queue[0]!
      if (batch.length > 0 && weight + next.weight > this.options.maxBatch) break
      this.queue.shift()
      batch.push(next)
      weight += next.weight
    }
    if (batch.length === 0) return
    this.queuedWeight -= weight
    this.inFlight++
    const started = performance.now()
    this.options
      .flush(batch.map((p) => p.group))
      .then(
        (results) => {
          this.options.onFlush?.(batch.length, weight, performance.now() - started, undefined)
          for (const [i, p] of batch.entries()) settle(p, () => p.resolve(results[i] as R))
        },
        (error: unknown) => {
          this.options.onFlush?.(batch.length, weight, performance.now() - started, error)
          for (const p of batch) settle(p, () => p.reject(error))
        },
      )
      .finally(() => {
        this.inFlight--
        // Whatever queued meanwhile has already waited one round trip: send it now, without lingering.
        if (this.queue.length > 0 && !this.closed) this.flushNext()
      })
    this.pump()
  }

  private expire(pending: Pending<G, R>, timeoutMs: number): void {
    const index = this.queue.indexOf(pending)
    if (index >= 0) {
      this.queue.splice(index, 1)
      this.queuedWeight -= pending.weight
    }
    settle(pending, () => pending.reject(new DeadlineError(`no result within ${timeoutMs} ms`)))
  }
}

function settle<G, R>(pending: Pending<G, R>, action: () => void): void {
  if (pending.settled) return
  pending.settled = true
  clearTimeout(pending.timer)
  action()
}
