import pLimit, { type LimitFunction } from 'p-limit'

export interface ScheduledTask {
  /**
   * Tasks with the same key in the same `lanes` map (one map per partition) run one after another,
   * in push order; a null key means no order to keep.
   */
  lanes: Lanes
  key: string | null
  /** Epoch milliseconds before which the task must not start (a retry's due time); 0 = now. */
  notBefore: number
  /** False once the task's partition was revoked or the worker is stopping: it is dropped unrun. */
  live(): boolean
  /** Should not reject; a rejection is swallowed. */
  run(): Promise<void>
  /** The scheduler's link to the next task of the same lane; starts undefined. */
  next: ScheduledTask | undefined
}

/** A key's queue: a list linked through the tasks themselves, so queueing allocates nothing. */
interface Lane {
  /** Where the lane is registered while it has tasks; undefined for a one-task unordered lane. */
  map: Lanes | undefined
  key: string
  first: ScheduledTask | undefined
  last: ScheduledTask | undefined
}

/** The lanes of one partition. Kept by the partition so a lookup needs no composite string key. */
export type Lanes = Map<string, Lane>

/**
 * Runs tasks with per-lane order and a global concurrency bound. p-limit bounds the number of drain
 * loops; each loop takes the next ready lane, runs its head task, and puts the lane back at the end
 * of the ready queue if it has more, so one busy key cannot starve the others. Per task this costs a
 * queue push and pop, not a trip through the limiter: the runtime must stay as cheap per message as
 * a plain kafkajs consumer.
 *
 * A task that is not due yet waits on a timer before its lane becomes ready: it holds back its own
 * lane only, never a concurrency slot, another key or another partition.
 */
export class KeyScheduler {
  private readonly limit: LimitFunction
  private readonly timers = new Set<NodeJS.Timeout>()
  private ready: Lane[] = []
  private readyHead = 0
  private loops = 0
  private active = 0
  private closed = false
  private held = false
  private idleWaiters: (() => void)[] = []

  constructor(private readonly concurrency: number) {
    this.limit = pLimit(concurrency)
  }

  /** Tasks running now. */
  get running(): number {
    return this.active
  }

  push(task: ScheduledTask): void {
    if (this.closed) return
    if (task.key === null) {
      this.activate({ map: undefined, key: '', first: task, last: task })
      return
    }
    const lane = task.lanes.get(task.key)
    if (lane !== undefined) {
      if (lane.last === undefined) lane.first = task
      else lane.last.next = task
      lane.last = task
      return
    }
    const fresh: Lane = { map: task.lanes, key: task.key, first: task, last: task }
    task.lanes.set(task.key, fresh)
    this.activate(fresh)
  }

  /** Starts no new task until `release`; running ones go on. */
  hold(): void {
    this.held = true
  }

  release(): void {
    this.held = false
    this.spawn()
  }

  /** Starts no new task from now on; queued and waiting ones are dropped. Running ones go on. */
  close(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.ready = []
    this.readyHead = 0
  }

  /** Resolves once no task runs (queued, waiting or held tasks do not count). */
  whenIdle(): Promise<void> {
    if (this.loops === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Queues the lane's next live task, now or at its due time; forgets the lane when it is empty. */
  private activate(lane: Lane): void {
    while (lane.first !== undefined && !lane.first.live()) this.shift(lane)
    const task = lane.first
    if (task === undefined || this.closed) {
      if (lane.map?.get(lane.key) === lane) lane.map.delete(lane.key)
      return
    }
    const wait = task.notBefore === 0 ? 0 : task.notBefore - Date.now()
    if (wait > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        this.activate(lane)
      }, wait)
      this.timers.add(timer)
      return
    }
    this.ready.push(lane)
    this.spawn()
  }

  private spawn(): void {
    const queued = this.ready.length - this.readyHead
    while (!this.held && !this.closed && this.loops < this.concurrency && this.loops < queued) {
      this.loops++
      void this.limit(drain, this)
    }
  }

  /** The next lane to run, or undefined when there is none or nothing may start. */
  next(): Lane | undefined {
    if (this.held || this.closed || this.readyHead >= this.ready.length) return undefined
    const lane = this.ready[this.readyHead++]
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead)
      this.readyHead = 0
    }
    return lane
  }

  async runHead(lane: Lane): Promise<void> {
    const task = lane.first
    if (task !== undefined && !this.closed && task.live()) {
      this.active++
      try {
        await task.run()
      } catch {
        // Tasks report their own failures; one that throws anyway must not stop its lane.
      } finally {
        this.active--
      }
    }
    this.shift(lane)
    this.activate(lane)
  }

  private shift(lane: Lane): void {
    const task = lane.first
    if (task === undefined) return
    lane.first = task.next
    if (lane.first === undefined) lane.last = undefined
    task.next = undefined
  }

  loopEnded(): void {
    this.loops--
    if (this.loops > 0) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}

async function drain(scheduler: KeyScheduler): Promise<void> {
  try {
    for (let lane = scheduler.next(); lane !== undefined; lane = scheduler.next())
      await scheduler.runHead(lane)
  } finally {
    scheduler.loopEnded()
  }
}
