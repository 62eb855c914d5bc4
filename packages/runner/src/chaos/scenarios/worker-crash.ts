import { type Fault, runLoadScenario } from '../load-run.js'
import type { ChaosResult } from '../result.js'
import type { ChaosSizes } from '../sizes.js'

/**
 * Scenario 1: a random worker replica is SIGKILLed every `killEverySec` until every job is done (the
 * supervisor restarts it with backoff). Kills stop at half the time budget so a pipeline that can only
 * finish in peace still shows as "recovered" rather than lost. Recovery: last kill → last job done.
 */
export function workerCrashScenario(sizes: ChaosSizes): Promise<ChaosResult> {
  return runLoadScenario({ name: '1 worker crashes', sizes, fault: killer(sizes) })
}

function killer(sizes: ChaosSizes): Fault {
  return {
    async run({ pipeline }, settled) {
      let done = false
      void settled.then(() => {
        done = true
      })
      const stopAt = Date.now() + (sizes.timeoutSec * 1_000) / 2
      const killed: string[] = []
      let lastKill: number | undefined
      while (!done && Date.now() < stopAt) {
        await Promise.race([
          settled,
          new Promise((resolve) => setTimeout(resolve, sizes.killEverySec * 1_000)),
        ])
        if (done) break
        const workers = pipeline.supervisor.running().filter((name) => !name.startsWith('gateway'))
        const victim = workers[Math.floor(Math.random() * workers.length)]
        if (victim !== undefined && pipeline.supervisor.signal(victim, 'SIGKILL')) {
          killed.push(victim)
          lastKill = Date.now()
        }
      }
      return { endedAt: lastKill, notes: [`${killed.length} SIGKILLs (${summarise(killed)})`], problems: [] }
    },
  }
}

function summarise(names: string[]): string {
  const counts = new Map<string, number>()
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1)
  return [...counts].map(([n, c]) => `${n}×${c}`).join(' ')
}
