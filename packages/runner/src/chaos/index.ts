/** The chaos suite (issue 9): each scenario starts its own pipeline, injects one kind of fault and audits the results. */
import type { ChaosResult } from './result.js'
import { hostileHttpScenario } from './scenarios/hostile-http.js'
import { brokerOutageScenario, databaseOutageScenario } from './scenarios/outage.js'
import { poisonScenario } from './scenarios/poison.js'
import { soakScenario } from './scenarios/soak.js'
import { upstreamStormScenario } from './scenarios/upstream-storm.js'
import { workerCrashScenario } from './scenarios/worker-crash.js'
import type { ChaosSizes } from './sizes.js'

export {
  type BypassProbe,
  bypassProbes,
  CHAOS_ALLOWED_HOST,
  CHAOS_API_KEY,
  probeAsRaw,
} from './bypass-probes.js'
export { interrupted } from './harness.js'
export { type ChaosResult, RESULT_HEADER, resultRow } from './result.js'
export { hostileHttpScenario } from './scenarios/hostile-http.js'
export { brokerOutageScenario, databaseOutageScenario } from './scenarios/outage.js'
export { poisonScenario } from './scenarios/poison.js'
export { judgeFlat, type SoakSample, soakScenario } from './scenarios/soak.js'
export { upstreamStormScenario } from './scenarios/upstream-storm.js'
export { workerCrashScenario } from './scenarios/worker-crash.js'
export { type ChaosSizes, chaosSizes } from './sizes.js'

/** Every scenario by its CLI name, in the order of priority. */
export const SCENARIOS: Record<string, (sizes: ChaosSizes) => Promise<ChaosResult>> = {
  poison: poisonScenario,
  'hostile-http': hostileHttpScenario,
  'worker-crash': workerCrashScenario,
  'upstream-storm': upstreamStormScenario,
  'broker-outage': brokerOutageScenario,
  'db-outage': databaseOutageScenario,
  soak: soakScenario,
}
