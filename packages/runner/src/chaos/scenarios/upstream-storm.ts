import { type Fault, runLoadScenario } from '../load-run.js'
import type { ChaosResult } from '../result.js'
import type { ChaosSizes } from '../sizes.js'

const CONCURRENCY_PER_PROCESS = 3 // VODSCOPE_UPSTREAM_CONCURRENCY: low, so the limit is actually reached
/** The simulator's names of the hosts the platform clients gate (media is ffmpeg's, bounded by its own pool). */
const GATED_HOSTS = ['gql.twitch.tv', 'usher.ttvnw.net', 'api.m.sooplive.com', 'videoimg.sooplive.com']

/**
 * Scenario 4: every platform API answers 30% 503s and 15% 429s with Retry-After for the whole run.
 * Everything must complete, and in-flight requests per host must stay within the configured limit.
 * The limit is per host per process, and the simulator counts across processes, so the bound is the
 * limit × the worker processes (any of them may call any gated host).
 */
export function upstreamStormScenario(sizes: ChaosSizes): Promise<ChaosResult> {
  const processes = 3 * sizes.replicas
  const bound = CONCURRENCY_PER_PROCESS * processes
  const storm: Fault = {
    async run({ pipeline }, settled) {
      pipeline.sim.config({
        latencyMs: 30,
        latencyJitterMs: 30,
        retryAfterSec: 1,
        // The platform APIs storm; media (HLS segments fetched by ffmpeg) is a CDN and stays healthy.
        faults: ['twitch', 'soop'].flatMap((match) => [
          { kind: 'server-error' as const, match, rate: 0.3 },
          { kind: 'rate-limit' as const, match, rate: 0.15, retryAfterSec: 1 },
        ]),
      })
      await settled
      pipeline.sim.config({ faults: [] })
      return { endedAt: undefined, notes: [], problems: [] }
    },
  }
  return runLoadScenario({
    name: '4 upstream storm',
    sizes,
    fault: storm,
    env: { VODSCOPE_UPSTREAM_CONCURRENCY: String(CONCURRENCY_PER_PROCESS) },
    check: async ({ pipeline }) => {
      const counters = pipeline.sim.counters()
      const faults = Object.entries(counters.faults ?? {}).reduce((sum, [, n]) => sum + Number(n), 0)
      const over = GATED_HOSTS.filter((h) => (counters.maxInFlight.byHost[h] ?? 0) > bound)
      return {
        notes: [
          `${faults} injected faults`,
          `max in flight per host (bound ${CONCURRENCY_PER_PROCESS}×${processes}=${bound}): ${GATED_HOSTS.map((h) => `${h} ${counters.maxInFlight.byHost[h] ?? 0}`).join(', ')}`,
        ],
        problems: over.map((h) => `${h}: ${counters.maxInFlight.byHost[h]} in flight > ${bound}`),
      }
    },
  })
}
