import { allTopics } from '@vodscope/contracts'
import { createKafka } from '../clients.js'
import type { InfraConfig } from '../config.js'
import { type ProvisionResult, provisionTopics } from '../provision.js'
import { downKafka, type UpOutcome, upKafka } from './kafka-component.js'
import { stackLayout } from './layout.js'
import { downMongo, upMongo } from './mongo-component.js'
import type { Component } from './pid-records.js'
import { assertStackPortsFree } from './preflight.js'
import { type StackConfig, stackEndpoints } from './stack-config.js'

export interface UpOptions {
  /** Shared settings (partition count, database); the stack's own endpoints replace its addresses. */
  infra: InfraConfig
  log: (line: string) => void
  signal?: AbortSignal
}

export interface UpResult {
  /** What this invocation started, and only that: `run` stops exactly these afterwards. */
  started: Component[]
  kafkaBrokers: string[]
  mongoUrl: string
  provisioned: ProvisionResult
}

/**
 * Brings both servers up (in parallel: the Kafka JVM and FerretDB start independently) and provisions
 * the topics. If either fails, whatever this call started is stopped again, so a failed `up` leaves
 * nothing behind.
 */
export async function stackUp(config: StackConfig, options: UpOptions): Promise<UpResult> {
  const layout = stackLayout(config)
  await assertStackPortsFree(config, layout)
  // When one component fails, the other stops waiting for its server instead of finishing a start
  // that is about to be undone.
  const failed = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal
  const context = { config, layout, log: options.log, signal }
  let firstError: unknown
  const guard = (component: Promise<UpOutcome>) =>
    component.catch((error: unknown) => {
      firstError ??= error
      failed.abort(error)
      throw error
    })
  const [kafka, mongo] = await Promise.allSettled([guard(upKafka(context)), guard(upMongo(context))])
  const started = startedComponents({ kafka, mongo })
  try {
    if (firstError !== undefined) throw firstError
    const endpoints = stackEndpoints(config)
    const provisioned = await provision({ ...options.infra, ...endpoints })
    options.log(
      `topics: ${provisioned.created.length} created, ${provisioned.grown.length} grown, ` +
        `${provisioned.unchanged.length} unchanged (${options.infra.partitions} partitions)`,
    )
    return { started, ...endpoints, provisioned }
  } catch (error) {
    await stackDown(config, started)
    throw error
  }
}

/** Stops the named components of this stack (default: both); returns one line per component. */
export async function stackDown(
  config: StackConfig,
  components: readonly Component[] = ['kafka', 'mongo'],
): Promise<Record<Component, string>> {
  const layout = stackLayout(config)
  const [kafka, mongo] = await Promise.all([
    components.includes('kafka') ? downKafka(layout) : 'left running',
    components.includes('mongo') ? downMongo(layout) : 'left running',
  ])
  return { kafka, mongo }
}

/** Provisions every pipeline topic on the configured brokers with one short-lived admin client. */
export async function provision(infra: InfraConfig): Promise<ProvisionResult> {
  const admin = createKafka(infra, 'vodscope-provisioner').admin()
  await admin.connect()
  try {
    // TOPIC_PREFIX gives a pipeline its own topics; provision those, not the unprefixed ones.
    return await provisionTopics(admin, {
      partitions: infra.partitions,
      topics: allTopics(infra.topicPrefix),
    })
  } finally {
    await admin.disconnect()
  }
}

function startedComponents(outcomes: Record<Component, PromiseSettledResult<UpOutcome>>): Component[] {
  return (Object.keys(outcomes) as Component[]).filter((component) => {
    const outcome = outcomes[component]
    // A rejected start has already stopped its own process.
    return outcome.status === 'fulfilled' && outcome.value === 'started'
  })
}
