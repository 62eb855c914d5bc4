import { Kafka, logLevel } from 'kafkajs'
import { MongoClient } from 'mongodb'

const PROBE_TIMEOUT_MS = 2_000 // two seconds: a local server that needs longer is not ready
const PROBE_DEADLINE_MS = 5_000 // five seconds for a whole probe, whatever the client libraries do

/**
 * A probe must answer even when the port holds something that accepts connections and never replies
 * (not Kafka, not Mongo): client timeouts alone do not cover every handshake step.
 */
function withDeadline<T>(probe: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), PROBE_DEADLINE_MS)
    timer.unref()
  })
  return Promise.race([probe, deadline]).finally(() => clearTimeout(timer))
}

/** One attempt to list topics; kafkajs retries and logging are off because the caller polls. */
export function probeKafka(brokers: string[]): Promise<boolean> {
  return withDeadline(listTopics(brokers), false)
}

async function listTopics(brokers: string[]): Promise<boolean> {
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
export function probeMongo(url: string): Promise<MongoServerInfo | undefined> {
  return withDeadline(pingMongo(url), undefined)
}

async function pingMongo(url: string): Promise<MongoServerInfo | undefined> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: PROBE_TIMEOUT_MS,
    connectTimeoutMS: PROBE_TIMEOUT_MS,
    socketTimeoutMS: PROBE_TIMEOUT_MS,
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
