/**
 * `node --conditions=source --import tsx bench/consume/run.ts` against the running devstack.
 *
 * 1. No-op handler: worker-kit vs a plain kafkajs `eachMessage` consumer, same topic, same run.
 * 2. I/O-bound handler (50 ms await each), 12 partitions, one process: worker-kit at concurrency 64
 *    vs the sequential `eachMessage` baseline.
 *
 * Each consumer run uses a fresh group that reads the topic from the start; the figure is the
 * steady-state rate from the first handled message to the last (group joins are not counted).
 * Runs come in pairs, one of each, their order alternating. Reported: the median rate of each side,
 * the ratio of those medians, and the median of the per-pair ratios — on a shared machine whose
 * load swings within seconds, a pair run back to back sees the same load, so the paired ratio is
 * the steadier figure. Prints a markdown table.
 */

import { randomUUID } from 'node:crypto'
import { dlqTopic, type LinkSubmittedV1, retryTopic } from '@vodscope/contracts'
import { createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import { createProducer } from '@vodscope/worker-kit'
import { markdownTable, median } from '../lib.js'
import { type RunResult, type RunSpec, runEachMessage, runWorkerKit } from './consumers.js'

const RUNS = 7 // the machines are shared and noisy: medians of seven
const PARTITIONS = 12
const NOOP = { messages: 150_000, concurrency: 16 } as const
const IO = { workMs: 50, concurrency: 64, messages: 6_000, baselineMs: 12_000 } as const

const kafka = createKafka(loadInfraConfig(process.env), 'bench-consume')
const admin = kafka.admin()
await admin.connect()
const created: string[] = []
const groups: string[] = []

async function createTopics(names: string[]): Promise<void> {
  created.push(...names)
  await provisionTopics(admin, { topics: names, partitions: PARTITIONS })
}

/** A topic filled with `count` valid vod.links.v1 payloads, each with its own key. */
async function filledTopic(count: number): Promise<string> {
  const topic = `bench-consume-${randomUUID()}`
  await createTopics([topic])
  const producer = createProducer(kafka)
  await producer.connect()
  const submittedAt = new Date().toISOString()
  for (let i = 0; i < count; i += 5_000) {
    const messages = Array.from({ length: Math.min(5_000, count - i) }, (_, j) => {
      const videoId = String(1_000_000 + i + j)
      const link: LinkSubmittedV1 = {
        version: 1,
        jobId: `job-${i + j}`,
        videoKey: `twitch:${videoId}`,
        platform: 'twitch',
        videoId,
        submittedAt,
        force: false,
      }
      return { key: link.videoKey, value: JSON.stringify(link) }
    })
    await producer.send({ topic, messages })
  }
  await producer.disconnect()
  return topic
}

/** A fresh group per run; worker-kit's also gets the retry and dead-letter topics it requires. */
async function freshGroup(withRuntimeTopics: boolean): Promise<string> {
  const group = `bench-consume-${randomUUID()}`
  groups.push(group)
  if (withRuntimeTopics) await createTopics([retryTopic(group), dlqTopic(group)])
  return group
}

async function compare(
  topic: string,
  spec: Omit<RunSpec, 'kafka' | 'topic' | 'group'>,
  baselineSpec: Omit<RunSpec, 'kafka' | 'topic' | 'group'>,
  concurrency: number,
): Promise<{ kit: RunResult[]; base: RunResult[] }> {
  const kit: RunResult[] = []
  const base: RunResult[] = []
  for (let run = 0; run < RUNS; run++) {
    const runKit = async () =>
      runWorkerKit({ kafka, topic, group: await freshGroup(true), ...spec }, concurrency)
    const runBase = async () =>
      runEachMessage({ kafka, topic, group: await freshGroup(false), ...baselineSpec })
    let k: RunResult
    let b: RunResult
    if (run % 2 === 0) {
      k = await runKit()
      b = await runBase()
    } else {
      b = await runBase()
      k = await runKit()
    }
    kit.push(k)
    base.push(b)
    process.stderr.write(
      `  run ${run + 1}: worker-kit ${k.perSecond.toFixed(0)}/s, eachMessage ${b.perSecond.toFixed(0)}/s\n`,
    )
  }
  return { kit, base }
}

function row(name: string, goal: string, { kit, base }: { kit: RunResult[]; base: RunResult[] }) {
  const k = median(kit.map((r) => r.perSecond))
  const b = median(base.map((r) => r.perSecond))
  const paired = median(kit.map((r, i) => r.perSecond / (base[i]?.perSecond ?? Number.NaN)))
  const cpu = (rs: RunResult[]) => median(rs.map((r) => r.cpuMicrosPerMessage)).toFixed(1)
  const runs = (rs: RunResult[]) => rs.map((r) => r.perSecond.toFixed(0)).join(', ')
  return [
    name,
    `${k.toFixed(0)} (${runs(kit)})`,
    `${b.toFixed(0)} (${runs(base)})`,
    `${(k / b).toFixed(2)}×`,
    `${paired.toFixed(2)}×`,
    `${cpu(kit)} / ${cpu(base)}`,
    goal,
  ]
}

try {
  process.stderr.write(`no-op: ${NOOP.messages} messages, ${PARTITIONS} partitions\n`)
  const noopTopic = await filledTopic(NOOP.messages)
  const noopSpec = { count: NOOP.messages, maxMs: 120_000, workMs: 0 }
  const noop = await compare(noopTopic, noopSpec, noopSpec, NOOP.concurrency)

  process.stderr.write(`I/O-bound: ${IO.workMs} ms per message, ${PARTITIONS} partitions\n`)
  const ioTopic = await filledTopic(IO.messages)
  const io = await compare(
    ioTopic,
    { count: IO.messages, maxMs: 120_000, workMs: IO.workMs },
    // Sequential at 50 ms is ~20 messages/s: a fixed window measures it without draining the topic.
    { count: IO.messages, maxMs: IO.baselineMs, workMs: IO.workMs },
    IO.concurrency,
  )

  process.stdout.write(
    `${markdownTable(
      [
        'scenario',
        'worker-kit msg/s, median (runs)',
        'eachMessage msg/s, median (runs)',
        'ratio of medians',
        'median paired ratio',
        'CPU µs/msg, worker-kit / eachMessage',
        'goal',
      ],
      [
        row(`no-op handler, concurrency ${NOOP.concurrency}`, '≥ 1.0×', noop),
        row(`${IO.workMs} ms I/O handler, concurrency ${IO.concurrency} vs sequential`, '≥ 40×', io),
      ],
    )}\n`,
  )
} finally {
  await admin.deleteTopics({ topics: created }).catch(() => {})
  await admin.deleteGroups(groups).catch(() => {})
  await admin.disconnect()
}
