import { Kafka, logLevel } from 'kafkajs'
import { type Db, MongoClient } from 'mongodb'
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
