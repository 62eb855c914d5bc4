import { createCodec, dlqTopic, retryTopic } from '@vodscope/contracts'
import type { Admin, Consumer, EachBatchPayload, Producer } from 'kafkajs'
import { Registry } from 'prom-client'
import type { TSchema } from 'typebox'
import { decodeDoneAhead, encodeDoneAhead } from './commit-metadata.js'
import { resolveWorkerConfig } from './config.js'
import { TUNING_DEFAULTS } from './defaults.js'
import { createDelivery } from './delivery.js'
import { WorkerError } from './errors.js'
import { KeyScheduler } from './key-scheduler.js'
import { createLogger } from './logger.js'
import { workerMetrics } from './metrics.js'
import type { Worker, WorkerOptions, WorkerStatus } from './options.js'
import { type PartitionState, PartitionTable } from './partition-table.js'
import { createProducer } from './producer.js'

/** Share of a stop's budget kept for the final commit and leaving the group. */
const LEAVE_RESERVE = { fraction: 0.25, maxMs: 2_000 } as const

/**
 * The consumer runtime. Design, in short:
 *
 * - `eachBatch` never waits for handlers. It hands every message to the key scheduler and returns, so
 *   kafkajs's own loop keeps fetching other partitions and heartbeating (a long handler can never
 *   cause a rebalance), and a slow partition never holds back a fast one.
 * - Fetch position and commit are separate: offsets are resolved as soon as messages are accepted (so
 *   the next fetch moves on) but auto-commit is off; a timer commits, per partition, the contiguous
 *   finished prefix from the offset tracker, with the finished offsets beyond it in the metadata.
 * - Memory is bounded per partition: when too many messages are accepted and not committable, the
 *   partition is paused (not the batch blocked) and resumed once its window has drained by half.
 * - Rebalances: see partition-table.ts.
 */
export function createWorker<S extends TSchema>(options: WorkerOptions<S>): Worker {
  const { name, kafka, topic } = options
  const { group, concurrency, retry: policy } = resolveWorkerConfig(options)
  const tuning = { ...TUNING_DEFAULTS, ...options.tuning }
  const log = options.log ?? createLogger(name)
  const metrics = workerMetrics(options.registry ?? new Registry())
  const codec = createCodec(options.schema, topic)
  const topics = { main: topic, retry: retryTopic(group), dlq: dlqTopic(group) }
  const scheduler = new KeyScheduler(concurrency)
  const ownsProducer = options.producer === undefined
  const producer: Producer = options.producer ?? createProducer(kafka)
  const admin: Admin = kafka.admin()
  const consumer: Consumer = kafka.consumer({
    groupId: group,
    sessionTimeout: tuning.sessionTimeout,
    rebalanceTimeout: tuning.rebalanceTimeout,
    heartbeatInterval: tuning.heartbeatInterval,
    maxWaitTimeInMs: tuning.maxWaitTimeInMs,
    maxBytesPerPartition: tuning.maxBytesPerPartition,
    allowAutoTopicCreation: false,
  })

  let status: WorkerStatus = 'idle'
  let stopping = false
  let commitTimer: NodeJS.Timeout | undefined
  let commitInFlight = false

  metrics.inFlightReaders.set(name, () => scheduler.running)

  const table = new PartitionTable({
    loadSkips: (states) => {
      const loading = loadSkips(states)
      for (const state of states) state.ready = loading
    },
    revoked: (state) =>
      metrics.lag.remove({ worker: name, topic: state.topic, partition: String(state.partition) }),
  })

  const deliver = createDelivery({
    name,
    group,
    topics,
    codec,
    policy,
    producer,
    log,
    metrics,
    handle: options.handle,
    running: () => !stopping,
    finished: (state, entry) => {
      if (!state.tracker.finish(entry)) return
      if (state.paused && state.tracker.pending <= tuning.maxPendingPerPartition / 2) setPaused(state, false)
    },
  })

  /** Reads what previous owners finished beyond their committed offsets (commit-metadata.ts). */
  async function loadSkips(states: PartitionState[]): Promise<void> {
    for (const t of new Set(states.map((s) => s.topic))) {
      try {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [t] })
        for (const { partition, offset, metadata } of offsets?.partitions ?? []) {
          const state = states.find((s) => s.topic === t && s.partition === partition)
          if (state !== undefined && Number(offset) >= 0)
            state.skip = decodeDoneAhead(Number(offset), metadata)
        }
      } catch (err) {
        // Without the set, finished messages behind an unfinished one are merely handled again.
        log.warn({ err, topic: t }, 'could not read committed offsets; finished messages may repeat')
      }
    }
  }

  function setPaused(state: PartitionState, paused: boolean): void {
    state.paused = paused
    const target = [{ topic: state.topic, partitions: [state.partition] }]
    try {
      if (paused) consumer.pause(target)
      else consumer.resume(target)
    } catch (err) {
      // Only between a crash and kafkajs's restart, which starts with nothing paused anyway.
      log.debug({ err }, 'pause/resume while the consumer restarts')
    }
  }

  function updateLag(state: PartitionState): void {
    const next = state.tracker.nextOffset
    if (next === undefined || state.highWatermark < 0) return
    metrics.lag.set(
      { worker: name, topic: state.topic, partition: String(state.partition) },
      Math.max(0, state.highWatermark - next),
    )
  }

  async function eachBatch({ batch, resolveOffset }: EachBatchPayload): Promise<void> {
    if (stopping) return
    // kafkajs announces every assignment (GROUP_JOIN) before fetching for it; `adopt` only guards
    // against a batch that arrives without one, which would otherwise be refetched forever.
    const state = table.get(batch.topic, batch.partition) ?? table.adopt(batch.topic, batch.partition)
    await state.ready
    // Nothing accepted, nothing resolved: whoever owns the partition next fetches these again.
    if (stopping || state.revoked) return
    const fromRetry = batch.topic === topics.retry
    for (const message of batch.messages) {
      const offset = Number(message.offset)
      // Fetched again after a rebalance that kept the partition: already running or finished here.
      if (offset <= state.tracker.lastAccepted) continue
      const entry = state.tracker.track(offset)
      if (state.skip.delete(offset)) {
        state.tracker.finish(entry)
        continue
      }
      scheduler.push(deliver(state, message, entry, fromRetry))
    }
    const last = batch.messages.at(-1)
    if (last !== undefined) resolveOffset(last.offset)
    state.highWatermark = Number(batch.highWatermark)
    updateLag(state)
    if (!state.paused && state.tracker.pending >= tuning.maxPendingPerPartition) setPaused(state, true)
  }

  /**
   * Commits every owned partition whose finished prefix moved. The table is read and the request
   * sent in the same tick: kafkajs takes the generation synchronously, so no rebalance can slip in
   * between, and a flush at the start of a rebalance goes out before the rejoin does. Two commits in
   * flight cannot overtake each other: both travel on the one connection to the group coordinator,
   * which answers requests in order.
   */
  async function commitNow(): Promise<void> {
    const points = []
    for (const state of table.all()) {
      const point = state.tracker.takeCommit()
      if (point !== undefined) points.push({ state, point })
    }
    if (points.length === 0) return
    try {
      await consumer.commitOffsets(
        points.map(({ state, point }) => ({
          topic: state.topic,
          partition: state.partition,
          offset: String(point.offset),
          metadata: encodeDoneAhead(point.offset, point.doneAhead),
        })),
      )
      for (const { state } of points) updateLag(state)
    } catch (err) {
      for (const { state } of points) state.tracker.commitFailed()
      log.warn({ err }, 'offset commit failed; will retry')
    }
  }

  return {
    name,

    async start() {
      if (status !== 'idle') throw new Error(`worker ${name} was already started`)
      status = 'starting'
      try {
        await admin.connect()
        const existing = new Set(await admin.listTopics())
        const missing = Object.values(topics).filter((t) => !existing.has(t))
        if (missing.length > 0) {
          throw new WorkerError('WORKER_TOPIC_MISSING', `${name}: topics ${missing.join(', ')} do not exist`)
        }
        if (ownsProducer) await producer.connect()
        await consumer.connect()
        consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
          const fresh = table.assign(payload.memberId, payload.memberAssignment)
          scheduler.release()
          // kafkajs keeps pauses across rebalances; a partition we get back must not stay paused.
          for (const state of fresh) setPaused(state, false)
          log.info({ assignment: payload.memberAssignment }, 'joined the group')
        })
        // While the group prepares a rebalance, commits of the current generation are still accepted:
        // flush now, and start nothing new until the new assignment is known, so that what the next
        // owners repeat is only what was running at this moment.
        consumer.on(consumer.events.REBALANCING, () => {
          scheduler.hold()
          void commitNow()
        })
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          table.revokeAll()
          scheduler.release()
          if (!payload.restart) status = 'crashed'
          log.error({ err: payload.error, restart: payload.restart }, 'consumer crashed')
        })
        await consumer.subscribe({ topics: [topics.main, topics.retry], fromBeginning: tuning.fromBeginning })
        await consumer.run({ eachBatch, eachBatchAutoResolve: false, autoCommit: false })
        commitTimer = setInterval(() => {
          if (commitInFlight) return
          commitInFlight = true
          void commitNow().finally(() => {
            commitInFlight = false
          })
        }, tuning.commitIntervalMs)
        status = 'consuming'
      } catch (err) {
        status = 'stopped'
        await Promise.allSettled([
          consumer.disconnect(),
          admin.disconnect(),
          ownsProducer && producer.disconnect(),
        ])
        throw err
      }
    },

    async stop({ timeoutMs = 8_000 } = {}) {
      if (status !== 'consuming' && status !== 'crashed') return
      status = 'stopping'
      stopping = true
      const drainMs = timeoutMs - Math.min(LEAVE_RESERVE.maxMs, timeoutMs * LEAVE_RESERVE.fraction)
      try {
        consumer.pause([topics.main, topics.retry].map((t) => ({ topic: t })))
      } catch {
        // Not running (crashed): nothing to pause.
      }
      clearInterval(commitTimer)
      scheduler.close()
      let deadline: NodeJS.Timeout | undefined
      await Promise.race([
        scheduler.whenIdle(),
        new Promise<void>((resolve) => {
          deadline = setTimeout(() => {
            // Abandoned handlers stay uncommitted and are redelivered to the next owner.
            log.warn({ running: scheduler.running }, 'stop deadline passed; abandoning running handlers')
            table.abortAll()
            resolve()
          }, drainMs)
        }),
      ])
      clearTimeout(deadline)
      await commitNow()
      await consumer.disconnect().catch((err: unknown) => log.warn({ err }, 'consumer disconnect failed'))
      table.revokeAll()
      await Promise.allSettled([admin.disconnect(), ownsProducer && producer.disconnect()])
      status = 'stopped'
      log.info('stopped')
    },

    health() {
      return { name, ok: status === 'consuming', state: status }
    },
  }
}
