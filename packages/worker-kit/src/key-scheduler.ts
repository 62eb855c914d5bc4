import pLimit, { type LimitFunction } from 'p-limit'

export interface ScheduledTask {
  /** Tasks of one lane (one key of one partition) run one after another, in push order. */
  lane: string
  /** Epoch milliseconds before which the task must not start: a retry's due time. */
  notBefore: number
  /** False once the task's partition was revoked or the worker is stopping: it is dropped unrun. */
  live(): boolean
  /** Must not reject; the scheduler would only swallow the error. */
  run(): Promise<void>
}

interface Lane {
  tasks: ScheduledTask[]
  head: number
}

/**
 * Runs tasks with per-lane order and a global concurrency bound (p-limit). A lane occupies at most
 * one slot and re-queues behind the others after each task, so one busy key cannot starve the rest.
 * A task that is not due yet waits on a timer outside the limit: it holds back its own lane only,
 * never a concurrency slot, another key or another partition.
 */
export class KeyScheduler {
  private readonly limit: LimitFunction
  private readonly lanes = new Map<string, Lane>()
  private readonly timers = new Set<NodeJS.Timeout>()
  /** Tasks handed to the limit, waiting for a slot or running. */
  private submitted = 0
  private closed = false
  /** While held, lanes whose next task could start wait here instead. */
  private held: Set<string> | undefined
  private idleWaiters: (() => void)[] = []

  constructor(concurrency: number) {
    this.limit = pLimit(concurrency)
  }

  /** Tasks currently holding a concurrency slot. */
  get running(): number {
    return this.limit.activeCount
  }

  push(task: ScheduledTask): void {
    if (this.closed) return
    const lane = this.lanes.get(task.lane)
    if (lane !== undefined) {
      lane.tasks.push(task)
      return
    }
    this.lanes.set(task.lane, { tasks: [task], head: 0 })
    this.startHead(task.lane)
  }

  /** Starts no new task from now on; queued and waiting ones are dropped. Running ones go on. */
  close(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.lanes.clear()
    this.held = undefined
  }

  /** Starts no new task until `release`; running ones go on. */
  hold(): void {
    this.held ??= new Set()
  }

  release(): void {
    const parked = this.held
    this.held = undefined
    for (const key of parked ?? []) this.startHead(key)
  }

  /** Resolves once no task holds or waits for a slot. */
  whenIdle(): Promise<void> {
    if (this.submitted === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private startHead(key: string): void {
    const lane = this.lanes.get(key)
    if (lane === undefined) return
    while (lane.head < lane.tasks.length && !lane.tasks[lane.head]!.live()) lane.head++
    const task = lane.tasks[lane.head]
    if (task === undefined || this.closed) {
      this.lanes.delete(key)
      return
    }
    if (this.held !== undefined) {
      this.held.add(key)
      return
    }
    const wait = task.notBefore - Date.now()
    if (wait > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        this.startHead(key)
      }, wait)
      this.timers.add(timer)
      return
    }
    this.submitted++
    void this.limit(() => (this.closed || !task.live() ? undefined : task.run()))
      .catch(() => {})
      .finally(() => {
        this.submitted--
        lane.head++
        if (lane.head > 256 && lane.head * 2 > lane.tasks.length) {
          lane.tasks = lane.tasks.slice(lane.head)
          lane.head = 0
        }
        this.startHead(key)
        if (this.submitted === 0) this.resolveIdle()
      })
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}
