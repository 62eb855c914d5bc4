import { TOPICS } from '@vodscope/contracts'
import {
  brokerUnavailable,
  KafkaSender,
  type LinkQueue,
  loadGatewayConfig,
  startServer,
  toKafkaMessage,
  withTimeout,
} from '@vodscope/gateway'
import { createKafka } from '@vodscope/infra'
import pino from 'pino'

/**
 * The benchmark's baseline: the same gateway (validation, job lookups, recording, same idempotent
 * producer with acks = all, same timeout) except that every request awaits its own `send`. kafkajs
 * serialises an idempotent producer's requests per broker, so this is one broker round trip per
 * request — the design micro-batching replaces.
 */
const config = loadGatewayConfig(process.env)
const topic = config.infra.topicPrefix + TOPICS.links
const sender = new KafkaSender(
  createKafka(config.infra, 'vodscope-gateway-baseline'),
  pino({ level: config.logLevel }),
)

const oneSendPerRequest: LinkQueue = {
  async publish(links) {
    if (links.length === 0) return
    try {
      await withTimeout(sender.send(topic, links.map(toKafkaMessage)), config.produceTimeoutMs)
    } catch (error) {
      throw brokerUnavailable(error, config.produceTimeoutMs)
    }
  },
  close: () => sender.close(),
}

await startServer(config, { linkQueue: oneSendPerRequest })
