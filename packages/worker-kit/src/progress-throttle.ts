/**
 * Rations progress reports per job. Each report is an update of the job document (one more commit on
 * the embedded store) plus an event; with a dozen pieces finishing at once they hold back the pieces'
 * own work, while a progress bar needs no more than a couple of updates a second. The last piece is
 * always reported. Skipped reports lose nothing: the stage's progress never moves backwards, and the
 * next report (or the stage finishing) carries the count.
 */
export class ProgressThrottle {
  private readonly last = new Map<string, number>()

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxJobs = 1_000, // jobs remembered; the oldest is forgotten first
  ) {}

  due(jobId: string, last: boolean): boolean {
    const at = this.now()
    const previous = this.last.get(jobId)
    if (!last && previous !== undefined && at - previous < this.intervalMs) return false
    this.last.delete(jobId) // re-insert: Map order is the forgetting order
    this.last.set(jobId, at)
    if (this.last.size > this.maxJobs) this.last.delete(this.last.keys().next().value as string)
    return true
  }
}
