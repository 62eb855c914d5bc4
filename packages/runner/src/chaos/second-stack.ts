import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = new URL('../../../../', import.meta.url).pathname

/**
 * A devstack of its own (other ports, other state folder) for the outage scenarios: stopping the shared
 * stack's Kafka or FerretDB would break every other engineer's tests. Only processes whose pids this
 * stack recorded are ever signalled.
 */
export class SecondStack {
  readonly dir = join(root, '.devstack', 'chaos-state')
  readonly kafkaBrokers = '127.0.0.1:19092'
  readonly mongoUrl = 'mongodb://127.0.0.1:37017'
  readonly #env: NodeJS.ProcessEnv

  constructor() {
    const { KAFKA_BROKERS: _k, MONGO_URL: _m, ...inherited } = process.env // set, they would make `up` start nothing
    this.#env = {
      ...inherited,
      VODSCOPE_KAFKA_PORT: '19092',
      VODSCOPE_KAFKA_CONTROLLER_PORT: '19093',
      VODSCOPE_MONGO_PORT: '37017',
      VODSCOPE_STACK_DIR: this.dir,
      TOPIC_PARTITIONS: '4',
    }
  }

  /** Starts whatever of the stack is not running; returns once both answer. */
  async up(): Promise<void> {
    await this.#cli('up')
  }

  async down(): Promise<void> {
    await this.#cli('down')
  }

  /** Stops one server the way a crash or an operator would, by its recorded pid. */
  stop(component: 'kafka' | 'mongo', signal: NodeJS.Signals = 'SIGTERM'): number {
    const record = JSON.parse(readFileSync(join(this.dir, 'pids', `${component}.json`), 'utf8')) as {
      pid: number
    }
    process.kill(record.pid, signal)
    return record.pid
  }

  /** The pipeline's view of this stack: startPipeline reads the infra config from process.env. */
  async withInfraEnv<T>(body: () => Promise<T>): Promise<T> {
    const saved = { KAFKA_BROKERS: process.env.KAFKA_BROKERS, MONGO_URL: process.env.MONGO_URL }
    process.env.KAFKA_BROKERS = this.kafkaBrokers
    process.env.MONGO_URL = this.mongoUrl
    try {
      return await body()
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  }

  async #cli(command: string): Promise<void> {
    await run(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/infra/src/cli.ts', command],
      {
        cwd: root,
        env: this.#env,
        timeout: 180_000,
      },
    )
  }
}
