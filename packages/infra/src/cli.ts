import { loadInfraConfig } from './config.js'
import { elapsed } from './devstack/elapsed.js'
import { probeKafka } from './devstack/probes.js'
import { runWithStack } from './devstack/run-with-stack.js'
import { provision, stackDown, stackUp } from './devstack/stack.js'
import { loadStackConfig, stackEndpoints } from './devstack/stack-config.js'
import { formatStatus, stackStatus } from './devstack/status.js'
import { waitUntil } from './devstack/wait-until.js'

const USAGE = `usage: npm run stack -- <command>

  up                  start Kafka and the Mongo-compatible server (if not running) and provision the topics
  down                stop what this stack started
  status              print each component; exits non-zero unless both are ready
  run -- <command...> up, run the command with KAFKA_BROKERS/MONGO_URL set, then stop what up started
  provision           create or grow the topics on KAFKA_BROKERS (waits for the broker first)

environment: KAFKA_BROKERS, MONGO_URL (use these servers, start none), TOPIC_PARTITIONS,
  VODSCOPE_KAFKA_PORT (9092), VODSCOPE_KAFKA_CONTROLLER_PORT (9093), VODSCOPE_MONGO_PORT (27017),
  VODSCOPE_STACK_DIR (.devstack/state),
  VODSCOPE_MONGO_SERVER (mongo-java-server | mongo-java-server-memory | ferretdb),
  VODSCOPE_MONGO_COMMIT (ack | background)`

const PROVISION_WAIT_MS = 120_000 // two minutes: under compose the broker may start after the init step

/** Progress goes to stderr, so `run -- <command>` leaves the command's stdout clean. */
const log = (line: string) => process.stderr.write(`devstack: ${line}\n`)

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv
  const config = loadStackConfig()
  const infra = loadInfraConfig()
  switch (command) {
    case 'up': {
      const startedAt = Date.now()
      const up = await stackUp(config, { infra, log })
      log(`up in ${elapsed(startedAt)}: KAFKA_BROKERS=${up.kafkaBrokers.join(',')} MONGO_URL=${up.mongoUrl}`)
      return 0
    }
    case 'down': {
      const stopped = await stackDown(config)
      log(`kafka ${stopped.kafka}; mongo ${stopped.mongo}`)
      return 0
    }
    case 'status': {
      const rows = await stackStatus(config)
      process.stdout.write(`${formatStatus(rows)}\n`)
      return rows.every((row) => row.ready) ? 0 : 1
    }
    case 'run':
      return runWithStack(config, infra, rest[0] === '--' ? rest.slice(1) : rest, log)
    case 'provision': {
      const { kafkaBrokers } = stackEndpoints(config)
      await waitUntil(async () => ((await probeKafka(kafkaBrokers)) ? true : undefined), {
        timeoutMs: PROVISION_WAIT_MS,
        intervalMs: 1_000,
        timeoutMessage: `Kafka at ${kafkaBrokers.join(',')} does not answer`,
      })
      const result = await provision({ ...infra, kafkaBrokers })
      log(`created ${result.created.join(', ') || 'none'}`)
      for (const { topic, from, to } of result.grown) log(`grew ${topic} from ${from} to ${to} partitions`)
      log(`${result.unchanged.length} topics unchanged`)
      return 0
    }
    default:
      process.stderr.write(`${USAGE}\n`)
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2
  }
}

// Exit explicitly: a probe of a server that never answered may leave a socket open, and the CLI must
// not hang on it.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`error: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
