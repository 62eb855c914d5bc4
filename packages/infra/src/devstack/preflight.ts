import type { StackLayout } from './layout.js'
import { type Component, isRecordedProcessRunning, readPidRecord } from './pid-records.js'
import { assertPortsFree } from './ports.js'
import type { StackConfig } from './stack-config.js'

/**
 * Checks, before anything is downloaded, built or started, that every port this `up` is about to claim
 * is free, so a conflict fails in a second instead of after a Kafka start that must be undone.
 * Components that run already (ours) or are external claim nothing.
 */
export async function assertStackPortsFree(config: StackConfig, layout: StackLayout): Promise<void> {
  const needsStart = (component: Component, external: unknown) => {
    const record = readPidRecord(layout.pidsDir, component)
    return !external && !(record && isRecordedProcessRunning(record))
  }
  await assertPortsFree([
    ...(needsStart('kafka', config.externalKafka)
      ? [
          {
            port: config.kafkaPort,
            variable: 'VODSCOPE_KAFKA_PORT',
            hint: `set KAFKA_BROKERS=127.0.0.1:${config.kafkaPort} to use the server that holds it`,
          },
          { port: config.controllerPort, variable: 'VODSCOPE_KAFKA_CONTROLLER_PORT' },
        ]
      : []),
    ...(needsStart('mongo', config.externalMongo)
      ? [
          {
            port: config.mongoPort,
            variable: 'VODSCOPE_MONGO_PORT',
            hint: `set MONGO_URL=mongodb://127.0.0.1:${config.mongoPort} to use the server that holds it`,
          },
        ]
      : []),
  ])
}
