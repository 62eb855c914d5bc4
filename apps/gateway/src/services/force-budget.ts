const WINDOW_MS = 60_000 // one minute

/**
 * How many `force: true` links each client may still submit this minute. A forced link skips the
 * "this video already has a job" check and starts the whole pipeline again, so it is the one request a
 * client could repeat to keep every worker busy. A fixed window per client address: the map is
 * emptied when the window rolls over, so it holds at most one minute's clients.
 */
export class ForceBudget {
  private windowStart = 0
  private readonly used = new Map<string, number>()

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `count` links from the client's budget; false (and nothing taken) when they do not fit. */
  take(client: string, count: number): boolean {
    const now = this.now()
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now
      this.used.clear()
    }
    const used = this.used.get(client) ?? 0
    if (used + count > this.perMinute) return false
    this.used.set(client, used + count)
    return true
  }

  /** Whole seconds until the budget refills. */
  retryAfterSec(): number {
    return Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - this.now()) / 1000))
  }
}
