import { Kafka, logLevel } from 'kafkajs'
import { type Collection, type Db, type Filter, MongoClient, type WithId } from 'mongodb'
import type { InfraConfig } from './config.js'

/**
 * A kafkajs client with the settings every process shares. Connection attempts are bounded so an
 * unreachable broker surfaces as an error within seconds rather than a hang.
 */
export function createKafka(config: InfraConfig, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: config.kafkaBrokers,
    connectionTimeout: 3_000, // three seconds
    requestTimeout: 30_000, // thirty seconds
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
  })
}

export interface MongoHandle {
  client: MongoClient
  db: Db
  close(): Promise<void>
}

/** Connects to MongoDB (or FerretDB) with short server-selection timeouts, so outages fail fast. */
export async function connectMongo(config: InfraConfig, dbName = config.mongoDb): Promise<MongoHandle> {
  const client = new MongoClient(config.mongoUrl, {
    serverSelectionTimeoutMS: 5_000, // five seconds
    connectTimeoutMS: 5_000,
    maxPoolSize: 20,
    // FerretDB has no sessions or transactions; retryable writes need them.
    retryWrites: false,
  })
  await client.connect()
  return { client, db: client.db(dbName), close: () => client.close() }
}

const LOOKUPS_AT_ONCE = 16

/**
 * The documents with these `_id`s that exist, in the order of `ids`, read one `_id` at a time (a few
 * in parallel) rather than with `$in` or another field: FerretDB 1.x serves only a single `_id`
 * equality from an index and scans the whole collection for anything else (packages/infra/README.md).
 */
export async function findByIds<T extends { _id: string }>(
  collection: Collection<T>,
  ids: readonly string[],
): Promise<WithId<T>[]> {
  const found: WithId<T>[] = []
  for (let from = 0; from < ids.length; from += LOOKUPS_AT_ONCE) {
    const batch = ids.slice(from, from + LOOKUPS_AT_ONCE)
    const docs = await Promise.all(batch.map((_id) => collection.findOne({ _id } as Filter<T>)))
    for (const doc of docs) if (doc !== null) found.push(doc)
  }
  return found
}
