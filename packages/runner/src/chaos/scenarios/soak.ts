import { readFile } from 'node:fs/promises'
import { findDuplicates, waitForJobs } from '../audit.js'
import { everyApp, PIECES_ENV, sleep, watchRestarts, withPipeline } from '../harness.js'
import { shortVodLinks } from '../links.js'
import { submitLinks } from '../load.js'
import { type ChaosResult, formatStatuses, median, percentile } from '../result.js'
import type { ChaosSizes } from '../sizes.js'

const SAMPLE_EVERY_MS = 10_000
/** Samples of the first fifth are warm-up (module loading, JIT, first connections) and not judged. */
const WARM_UP_SHARE = 0.2
/** RSS "stays flat": the last third's median within this of the first third's (after warm-up). */
const RSS_GROWTH = { factor: 1.25, slackMb: 24 }
/** Lag "stays flat": the last third's median within this of the first third's. */
const LAG_GROWTH = { factor: 2, slackMessages: 100 }

export interface SoakSample {
  at: number
  /** Resident memory per process name, MB; a process that was restarting is missing. */
  rssMb: Record<string, number>
  /** Sum of every consumer group's lag (end offset − committed offset), from the gateway's ops API. */
  lag: number | undefined
}

export interface FlatVerdict {
  /** `name first→last MB` for every process, first and last being the medians of the judged thirds. */
  rss: string[]
  lag: string
  problems: string[]
}

/**
 * Scenario 7: a steady, moderate stream of links (`soakRatePerSec` for `soakMin` minutes) through the
 * full pipeline. Every process's RSS and the consumer lag are sampled every 10 s; both must stay flat
 * (see `judgeFlat`), no process may restart, and every accepted link must complete.
 */
export function soakScenario(sizes: ChaosSizes): Promise<ChaosResult> {
  const count = Math.max(1, Math.round(sizes.soakMin * 60 * sizes.soakRatePerSec))
  const links = shortVodLinks(count, 500_000) // serials apart from the other scenarios' links
  return withPipeline({ replicas: everyApp(sizes.replicas), env: PIECES_ENV }, async ({ pipeline, db }) => {
    const samples: SoakSample[] = []
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        samples.push(await sample(pipeline.supervisor.processes(), pipeline.gateway))
        await sleep(SAMPLE_EVERY_MS)
      }
    })()
    const restarts = watchRestarts(pipeline)
    const load = await submitLinks(pipeline.gateway, links, sizes.soakRatePerSec)
    sampling = false
    await sampler
    const outcome = await waitForJobs(db, load.accepted, sizes.timeoutSec * 1_000)
    const drainedLag = (await sample([], pipeline.gateway)).lag
    const restarted = restarts.restarted()
    const duplicates = await findDuplicates(
      db,
      pipeline.sim,
      load.accepted.map((a) => a.videoKey),
    )
    const verdict = judgeFlat(samples)
    const badStatuses = Object.entries(load.statuses)
      .filter(([status]) => status !== '202')
      .map(([status, n]) => `${n} POSTs answered ${status}`)
    const problems = [...verdict.problems, ...restarted, ...badStatuses]
    const lost = load.accepted.length - outcome.completed
    const extra = duplicates.extraJobs + duplicates.extraChatMessages
    return {
      scenario: '7 soak',
      submitted: load.submitted,
      accepted: load.accepted.length,
      completed: outcome.completed,
      lost,
      duplicates: extra,
      p99Ms: percentile(load.latencies, 99),
      recoverSec: undefined,
      passed: lost === 0 && extra === 0 && problems.length === 0,
      notes: [
        formatStatuses(load.statuses),
        `${sizes.soakMin} min at ${sizes.soakRatePerSec} link/s, ${samples.length} samples`,
        `RSS MB (median of first → last third) ${verdict.rss.join(', ')}`,
        verdict.lag,
        `lag after the drain ${drainedLag ?? 'unknown'}`,
        ...outcome.failed.slice(0, 3),
        ...outcome.lost.slice(0, 3).map((k) => `unfinished ${k}`),
        ...problems.slice(0, 5),
      ],
    }
  })
}

async function sample(processes: Array<{ name: string; pid: number | undefined }>, gateway: string) {
  const rssMb: Record<string, number> = {}
  for (const { name, pid } of processes) {
    const mb = pid === undefined ? undefined : await rssOf(pid)
    if (mb !== undefined) rssMb[name] = mb
  }
  return { at: Date.now(), rssMb, lag: await totalLag(gateway) }
}

/** VmRSS of a Linux process, in MB; undefined if it is gone. */
async function rssOf(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined)
  const kb = status === undefined ? undefined : /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]
  return kb === undefined ? undefined : Number(kb) / 1024
}

async function totalLag(gateway: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${gateway}/v1/ops/groups`, { signal: AbortSignal.timeout(10_000) })
    if (!res.ok) return undefined
    const body = (await res.json()) as { groups: Array<{ totalLag: number }> } // GET /v1/ops/groups
    return body.groups.reduce((sum, g) => sum + g.totalLag, 0)
  } catch {
    return undefined
  }
}

/**
 * Whether memory and lag stayed flat over a soak: after a warm-up, the median of the last third of
 * the samples is compared with the median of the first third, per process for RSS and in total for
 * lag. Medians, because GC and batch timing make single samples swing by tens of MB or messages.
 */
export function judgeFlat(samples: readonly SoakSample[]): FlatVerdict {
  const judged = samples.slice(Math.floor(samples.length * WARM_UP_SHARE))
  const third = Math.floor(judged.length / 3)
  if (third < 2) return { rss: [], lag: 'lag: too few samples', problems: ['too few samples to judge'] }
  const first = judged.slice(0, third)
  const last = judged.slice(-third)
  const problems: string[] = []
  const rss: string[] = []
  const names = [...new Set(judged.flatMap((s) => Object.keys(s.rssMb)))].sort()
  for (const name of names) {
    const before = median(first.flatMap((s) => s.rssMb[name] ?? []))
    const after = median(last.flatMap((s) => s.rssMb[name] ?? []))
    rss.push(`${name} ${before.toFixed(0)}→${after.toFixed(0)}`)
    if (after > before * RSS_GROWTH.factor + RSS_GROWTH.slackMb)
      problems.push(`${name} RSS grew from ${before.toFixed(0)} to ${after.toFixed(0)} MB`)
  }
  const lagBefore = median(first.flatMap((s) => s.lag ?? []))
  const lagAfter = median(last.flatMap((s) => s.lag ?? []))
  if (Number.isNaN(lagBefore) || Number.isNaN(lagAfter)) problems.push('consumer lag could not be read')
  else if (lagAfter > lagBefore * LAG_GROWTH.factor + LAG_GROWTH.slackMessages)
    problems.push(`consumer lag grew from ${lagBefore} to ${lagAfter} messages`)
  return { rss, lag: `lag (median of first → last third) ${lagBefore}→${lagAfter}`, problems }
}
