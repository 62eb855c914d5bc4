import type { Log } from './log.js'

/**
 * Keeps intake from waiting on a database that is not keeping up. After `threshold` timeouts in a row
 * intake stops waiting for MongoDB; after `openMs` one lookup goes out as a probe that no request
 * waits for, and its success closes the breaker. Only state changes are logged, so an overloaded
 * database costs one log line, not one per request.
 */
export class DbBreaker {
  private failures = 0
  private openUntil = 0
  private probing = false

  constructor(
    private readonly log: Log,
    private readonly threshold = 3,
    private readonly openMs = 1_000, // one second without asking, then probe
  ) {}

  /** `wait`: ask and wait for the answer; `probe`: ask but do not wait; `skip`: do not ask. */
  admit(now = Date.now()): 'wait' | 'probe' | 'skip' {
    if (this.failures < this.threshold) return 'wait'
    if (now < this.openUntil || this.probing) return 'skip'
    this.probing = true
    return 'probe'
  }

  /** Whether intake is currently going on without the database (no side effect, unlike `admit`). */
  isOpen(now = Date.now()): boolean {
    return this.failures >= this.threshold && now < this.openUntil
  }

  success(): void {
    if (this.failures >= this.threshold)
      this.log.info('mongodb answers in time again; intake waits for it again')
    this.failures = 0
    this.probing = false
  }

  failure(now = Date.now()): void {
    this.failures++
    this.probing = false
    if (this.failures === this.threshold) {
      this.log.warn(
        `mongodb missed ${this.threshold} intake deadlines in a row; intake goes on without it for now`,
      )
    }
    if (this.failures >= this.threshold) this.openUntil = now + this.openMs
  }
}
