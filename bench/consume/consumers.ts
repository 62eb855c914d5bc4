import { codecs, type LinkSubmittedV1, LinkSubmittedV1 as Schema, TOPICS } from '@vodscope/contracts'
import { createLogger, createWorker } from '@vodscope/worker-kit'
import type { Kafka } from 'kafkajs'
import { Registry } from 'prom-client'

/** What one consumer run measured, from the first handled message to the last. */
export interface RunResult {
  handled: number
  seconds: number
  perSecond: number
  /**
   * Process CPU time per message: unlike the rate, it barely moves when other work on a shared
   * machine takes the cores away, so it compares the two consumers' cost per message directly.
   */
  cpuMicrosPerMessage: number
}

export interface RunSpec {
  kafka: Kafka
  topic: string
  group: string
  /** Stop after this many messages… */
  count: number
  /** …or after this long (ms), whichever comes first. */
  maxMs: number
  /** The handler's await per message, in ms (0 = a no-op). */
  workMs: number
}

const codec = codecs[TOPICS.links]
const log = createLogger('bench-consume', 'warn')

/** Counts handled messages and resolves when the run's count or time is reached. */
function meter(spec: RunSpec) {
  let handled = 0
  let first = 0
  let last = 0
  let cpuStart = process.cpuUsage()
  let finish: (result: RunResult) => void = () => {}
  const done = new Promise<RunResult>((resolve) => {
    finish = resolve
  })
  const result = (): RunResult => {
    const seconds = (last - first) / 1_000
    const used = process.cpuUsage(cpuStart)
    const cpu = used.user + used.system
    return {
      handled,
      seconds,
      perSecond: seconds > 0 ? (handled - 1) / seconds : 0,
      cpuMicrosPerMessage: handled > 1 ? cpu / (handled - 1) : 0,
    }
  }
  let timer: NodeJS.Timeout | undefined
  return {
    done,
    tick() {
      const now = performance.now()
      if (handled === 0) {
        first = now
        cpuStart = process.cpuUsage()
        timer = setTimeout(() => finish(result()), spec.maxMs)
      }
      handled++
      last = now
      if (handled === spec.count) {
        clearTimeout(timer)
        finish(result())
      }
    },
  }
}

const work = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve())

/** worker-kit: decode + validate, ordered concurrency, prefix commits — the full runtime. */
export async function runWorkerKit(spec: RunSpec, concurrency: number): Promise<RunResult> {
  const m = meter(spec)
  const worker = createWorker({
    name: 'bench',
    kafka: spec.kafka,
    group: spec.group,
    topic: spec.topic,
    schema: Schema,
    concurrency,
    log,
    registry: new Registry(),
    handle: async (_link: LinkSubmittedV1) => {
      await work(spec.workMs)
      m.tick()
    },
  })
  await worker.start()
  const result = await m.done
  await worker.stop({ timeoutMs: 5_000 })
  return result
}

/**
 * The baseline: a plain kafkajs consumer with `eachMessage` (one message at a time per partition,
 * kafkajs's own commits), decoding with the same codec so both sides do the same work per message.
 */
export async function runEachMessage(spec: RunSpec): Promise<RunResult> {
  const m = meter(spec)
  const consumer = spec.kafka.consumer({ groupId: spec.group, allowAutoTopicCreation: false })
  await consumer.connect()
  await consumer.subscribe({ topic: spec.topic, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      codec.decode(message.value)
      await work(spec.workMs)
      m.tick()
    },
  })
  const result = await m.done
  await consumer.disconnect()
  return result
}
