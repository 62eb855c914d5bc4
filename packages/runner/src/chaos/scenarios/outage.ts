import { onInterrupt } from '../harness.js'
import { type Fault, runLoadScenario } from '../load-run.js'
import type { ChaosResult } from '../result.js'
import { SecondStack } from '../second-stack.js'
import type { ChaosSizes } from '../sizes.js'

/**
 * Scenarios 2 and 3: the broker or the database of a second devstack stops for `outageSec` while
 * links are being submitted, then starts again. The processes are not restarted. Every link the
 * gateway accepted must complete; while Kafka is down the gateway must answer (503), not hang.
 * Recovery: server back up → last job done.
 */
export function brokerOutageScenario(sizes: ChaosSizes): Promise<ChaosResult> {
  return outageScenario('2 broker outage', 'kafka', sizes)
}

export function databaseOutageScenario(sizes: ChaosSizes): Promise<ChaosResult> {
  return outageScenario('3 database outage', 'mongo', sizes)
}

async function outageScenario(
  name: string,
  component: 'kafka' | 'mongo',
  sizes: ChaosSizes,
): Promise<ChaosResult> {
  const stack = new SecondStack()
  const forget = onInterrupt(() => stack.down())
  await stack.up()
  try {
    // Submission spans about three outages, so the outage falls in the middle of it.
    const loadSec = Math.max(sizes.links / sizes.ratePerSec, 3 * sizes.outageSec)
    const ratePerSec = sizes.links / loadSec
    return await stack.withInfraEnv(() =>
      runLoadScenario({
        name,
        sizes: { ...sizes, ratePerSec },
        fault: outage(stack, component, sizes, loadSec),
        // Without the broker nothing can be accepted: 503 with Retry-After is the right answer.
        allowedStatuses: component === 'kafka' ? ['202', '503'] : ['202'],
        noRestarts: true,
      }),
    )
  } finally {
    forget()
    await stack.up() // a scenario that failed half-way must not leave it down for the next one
    await stack.down()
  }
}

function outage(stack: SecondStack, component: 'kafka' | 'mongo', sizes: ChaosSizes, loadSec: number): Fault {
  return {
    async run() {
      await new Promise((resolve) => setTimeout(resolve, (loadSec * 1_000) / 3))
      const pid = stack.stop(component)
      const stoppedAt = Date.now()
      await new Promise((resolve) => setTimeout(resolve, sizes.outageSec * 1_000))
      await stack.up()
      const endedAt = Date.now()
      return {
        endedAt,
        notes: [
          `${component} (pid ${pid}) down ${((endedAt - stoppedAt) / 1_000).toFixed(0)} s incl. restart`,
        ],
        problems: [],
      }
    },
  }
}
