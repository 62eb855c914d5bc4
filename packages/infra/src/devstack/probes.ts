import { Kafka, logLevel } from 'kafkajs'
import { MongoClient } from 'mongodb'

const PROBE_TIMEOUT_MS = 2_000 // two seconds: a local server that needs longer is not ready

/** One attempt to list topics; kafkajs retries and logging are off because the caller polls. */
export async function probeKafka(brokers: string[]): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'vodscope-devstack-probe',
    brokers,
    connectionTimeout: PROBE_TIMEOUT_MS,
    requestTimeout: PROBE_TIMEOUT_MS,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  })
  const admin = kafka.admin()
  try {
    await admin.connect()
    await admin.listTopics()
    return true
  } catch {
    return false
  } finally {
    await admin.disconnect().catch(() => undefined)
  }
}

export interface MongoServerInfo {
  /** The MongoDB version the server claims to be. */
  version: string
  /** FerretDB reports its own version in buildInfo; absent for MongoDB and mongo-java-server. */
  ferretdbVersion: string | undefined
}

/** One `ping` plus `buildInfo`; undefined when the server does not answer. */
export async function probeMongo(url: string): Promise<MongoServerInfo | undefined> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: PROBE_TIMEOUT_MS,
    connectTimeoutMS: PROBE_TIMEOUT_MS,
  })
  try {
    await client.connect()
    const admin = client.db('admin')
    await admin.command({ ping: 1 })
    const info = await admin.command({ buildInfo: 1 })
    return {
      version: String(info.version),
      ferretdbVersion: typeof info.ferretdbVersion === 'string' ? info.ferretdbVersion : undefined,
    }
  } catch {
    return undefined
  } finally {
    await client.close().catch(() => undefined)
  }
}
