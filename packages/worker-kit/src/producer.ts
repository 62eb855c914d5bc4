import { type Kafka, Partitioners, type Producer } from 'kafkajs'

/**
 * Every producer worker-kit opens: topics are never auto-created (provisioning creates them), and the
 * partitioner is named rather than defaulted — kafkajs 2's default, Java-compatible murmur2 — so a
 * key lands on the same partition whoever produces it, and kafkajs stops warning about the change.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner })
}
