import pLimit, { type LimitFunction } from 'p-limit'
import type { HostLimits } from '../config.js'

/**
 * The politeness of one upstream: at most `concurrency` requests in flight, request starts spaced by
 * `1 / ratePerSec`, and after a 429 every request to that upstream waits out the `Retry-After` — one
 * throttled crawl slows its siblings too instead of letting them hammer the host.
 */
export class HostGate {
  readonly #limit: LimitFunction
  readonly #intervalMs: number
  #nextStart = 0
  #pausedUntil = 0

  constructor(limits: HostLimits) {
    this.#limit = pLimit(limits.concurrency)
    this.#intervalMs = 1000 / limits.ratePerSec
  }

  /** Runs `task` holding one concurrency slot, once the rate limit and any pause allow. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.#limit(async () => {
      const now = Date.now()
      const start = Math.max(now, this.#nextStart, this.#pausedUntil)
      this.#nextStart = start + this.#intervalMs
      if (start > now) await sleep(start - now)
      return task()
    })
  }

  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms)
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
