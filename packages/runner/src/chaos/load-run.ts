import { findDuplicates, type JobsOutcome, waitForJobs } from './audit.js'
import { type ChaosHarness, everyApp, PIECES_ENV, watchRestarts, withPipeline } from './harness.js'
import { longVodLinks, shortVodLinks } from './links.js'
import { type LoadResult, submitLinks } from './load.js'
import { type ChaosResult, formatStatuses, percentile } from './result.js'
import type { ChaosSizes } from './sizes.js'

export interface FaultReport {
  /** When the fault was over (epoch ms): recovery is measured from here. */
  endedAt: number | undefined
  notes: string[]
  /** Assertions of the fault itself (e.g. "the gateway answered 503, not a hang"). */
  problems: string[]
}

export interface Fault {
  /** Runs alongside the load; `settled` resolves once every accepted job finished or the wait gave up. */
  run(harness: ChaosHarness, settled: Promise<void>): Promise<FaultReport>
}

export interface LoadScenario {
  name: string
  sizes: ChaosSizes
  fault: Fault
  env?: NodeJS.ProcessEnv
  sim?: Parameters<typeof withPipeline>[0]['sim']
  /** HTTP statuses the gateway may answer a valid link with during this fault; default 202 only. */
  allowedStatuses?: readonly string[]
  /** Checks after the run, on the live pipeline (e.g. the simulator's counters). */
  check?: (harness: ChaosHarness) => Promise<{ notes: string[]; problems: string[] }>
  /** Whether every process must ride the fault out without a restart (outages: "resume without a restart"). */
  noRestarts?: boolean
}

/**
 * The shape of scenarios 1–4: the full pipeline with every worker at `sizes.replicas`, short links
 * at `sizes.ratePerSec` plus long VODs, one fault alongside, then an audit of what was accepted:
 * completed, lost, duplicated, and how long after the fault everything was done.
 */
export async function runLoadScenario(s: LoadScenario): Promise<ChaosResult> {
  const links = [...longVodLinks(s.sizes.longVods, s.sizes.longVodMin), ...shortVodLinks(s.sizes.links)]
  return withPipeline(
    {
      replicas: everyApp(s.sizes.replicas),
      env: { ...PIECES_ENV, ...s.env },
      ...(s.sim ? { sim: s.sim } : {}),
    },
    async (harness) => {
      let settle = () => {}
      const settled = new Promise<void>((resolve) => {
        settle = resolve
      })
      const restarts = watchRestarts(harness.pipeline)
      const faultRun = s.fault.run(harness, settled)
      let load: LoadResult | undefined
      let outcome: JobsOutcome | undefined
      try {
        load = await submitLinks(harness.pipeline.gateway, links, s.sizes.ratePerSec)
        outcome = await waitForJobs(harness.db, load.accepted, s.sizes.timeoutSec * 1_000)
      } finally {
        settle()
      }
      const fault = await faultRun
      // A late straggler after the fault: give the pipeline its full budget again before calling it lost.
      if (outcome.lost.length > 0 && fault.endedAt !== undefined) {
        outcome = await waitForJobs(harness.db, load.accepted, s.sizes.timeoutSec * 1_000)
      }
      const duplicates = await findDuplicates(
        harness.db,
        harness.pipeline.sim,
        load.accepted.map((a) => a.videoKey),
      )
      const check = (await s.check?.(harness)) ?? { notes: [], problems: [] }
      const lost = load.accepted.length - outcome.completed
      // Any other answer to a valid link (a 500, a hang that hit the client timeout) is a gateway bug.
      const allowed = new Set(s.allowedStatuses ?? ['202'])
      const badStatuses = Object.entries(load.statuses)
        .filter(([status]) => !allowed.has(status))
        .map(([status, n]) => `${n} POSTs answered ${status}`)
      const restarted = restarts.restarted()
      const problems = [
        ...fault.problems,
        ...check.problems,
        ...badStatuses,
        ...(s.noRestarts ? restarted : []),
      ]
      const recoverSec =
        outcome.allFinishedAt !== undefined && fault.endedAt !== undefined
          ? Math.max(0, outcome.allFinishedAt - fault.endedAt) / 1_000
          : undefined
      return {
        scenario: s.name,
        submitted: load.submitted,
        accepted: load.accepted.length,
        completed: outcome.completed,
        lost,
        duplicates: duplicates.extraJobs + duplicates.extraChatMessages,
        p99Ms: percentile(load.latencies, 99),
        recoverSec,
        passed:
          lost === 0 && duplicates.extraJobs + duplicates.extraChatMessages === 0 && problems.length === 0,
        notes: [
          formatStatuses(load.statuses),
          ...fault.notes,
          ...(s.noRestarts && restarted.length === 0 ? ['no process restarted'] : []),
          ...check.notes,
          ...(duplicates.chatMismatches.length > 0
            ? [`chat count ≠ truth: ${duplicates.chatMismatches.slice(0, 3).join(', ')}`]
            : []),
          ...(duplicates.missingChatMessages > 0
            ? [`${duplicates.missingChatMessages} chat messages missing`]
            : []),
          ...outcome.failed.slice(0, 3),
          ...outcome.lost.slice(0, 3).map((k) => `unfinished ${k}`),
          ...problems.slice(0, 5),
        ],
      }
    },
  )
}
