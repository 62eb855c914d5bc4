import { elapsed } from './elapsed.js'
import { ensureFerretdb, ferretdbVersion } from './ferretdb-build.js'
import { startFerretdb } from './ferretdb-server.js'
import type { ComponentContext, UpOutcome } from './kafka-component.js'
import { FERRETDB_VERSION, H2_VERSION, MONGO_JAVA_SERVER_VERSION, type StackLayout } from './layout.js'
import { ensureMongoJavaServer, mongoJavaMarker, startMongoJavaServer } from './mongo-java-server.js'
import { isRecordedProcessRunning, readPidRecord, removePidRecord, writePidRecord } from './pid-records.js'
import { probeMongo } from './probes.js'
import { isAlive, stopProcessGroup } from './processes.js'
import { tail } from './run-to-log.js'
import { type MongoServerKind, stackEndpoints } from './stack-config.js'
import { requireTools } from './tools.js'
import { waitUntil } from './wait-until.js'

const MONGO_TIMEOUTS = {
  start: 60_000, // one minute; FerretDB answers within a second or two, mongo-java-server in a few
  external: 120_000, // a compose database may still be starting when the init step runs
  stop: 10_000, // ten seconds before SIGKILL
} as const

/** Brings a Mongo-compatible server to the point where it answers `ping`; starts one only when needed. */
export async function upMongo(context: ComponentContext): Promise<UpOutcome> {
  const { config, layout, log, signal } = context
  const { mongoUrl } = stackEndpoints(config)
  if (config.externalMongo) {
    log('mongo: using MONGO_URL')
    await waitForPing(mongoUrl, {
      timeoutMs: MONGO_TIMEOUTS.external,
      message: 'the server at MONGO_URL does not answer ping',
      signal,
    })
    return 'external'
  }
  const record = readPidRecord(layout.pidsDir, 'mongo')
  if (record && isRecordedProcessRunning(record)) {
    if (record.port !== config.mongoPort) {
      throw new Error(
        `this stack (${config.stackDir}) already runs ${record.server} on port ${record.port}, not ${config.mongoPort}; run \`down\` first`,
      )
    }
    log(`mongo: ${record.server} already running (pid ${record.pid})`)
    await waitForPing(mongoUrl, {
      owned: { pid: record.pid, log: record.log },
      timeoutMs: MONGO_TIMEOUTS.start,
      message: `${record.server} (pid ${record.pid}) does not answer ping; see ${record.log}`,
      signal,
    })
    return 'reused'
  }
  if (record) removePidRecord(layout.pidsDir, 'mongo')

  const server = await prepareServer(config.mongoServer, context)
  const startedAt = Date.now()
  const { pid } = server.start()
  writePidRecord(layout.pidsDir, {
    component: 'mongo',
    server: server.kind,
    version: server.version,
    pid,
    port: config.mongoPort,
    log: server.log,
    marker: server.marker,
    startedAt: new Date(startedAt).toISOString(),
  })
  try {
    await waitForPing(mongoUrl, {
      owned: { pid, log: server.log },
      timeoutMs: MONGO_TIMEOUTS.start,
      message: `${server.kind} does not answer ping; see ${server.log}`,
      signal,
    })
  } catch (error) {
    await downMongo(layout)
    throw error
  }
  log(
    `mongo: ${server.kind} ${server.version} started on 127.0.0.1:${config.mongoPort} (pid ${pid}) in ${elapsed(startedAt)}`,
  )
  return 'started'
}

/** Stops the Mongo-compatible server this stack recorded, if it still runs. */
export async function downMongo(layout: StackLayout): Promise<string> {
  const record = readPidRecord(layout.pidsDir, 'mongo')
  if (!record) return 'not running'
  const outcome = isRecordedProcessRunning(record)
    ? await stopProcessGroup(record.pid, MONGO_TIMEOUTS.stop)
    : 'gone'
  removePidRecord(layout.pidsDir, 'mongo')
  return `${outcome} (pid ${record.pid})`
}

interface PreparedServer {
  kind: MongoServerKind
  version: string
  log: string
  marker: string
  start: () => { pid: number }
}

/** Builds or fetches the chosen server; a FerretDB that cannot be built falls back to mongo-java-server. */
async function prepareServer(
  kind: MongoServerKind,
  { config, layout, log }: ComponentContext,
): Promise<PreparedServer> {
  if (kind === 'ferretdb') {
    try {
      const buildStarted = Date.now()
      if (await ensureFerretdb(layout))
        log(`mongo: built FerretDB ${FERRETDB_VERSION} in ${elapsed(buildStarted)}`)
      return {
        kind,
        version: ferretdbVersion(layout.cache.ferretdbBin) ?? FERRETDB_VERSION,
        log: layout.ferretdb.log,
        marker: layout.ferretdb.stateDir,
        start: () => startFerretdb(config, layout, log),
      }
    } catch (error) {
      log(
        `mongo: FerretDB is unavailable (${(error as Error).message.split('\n')[0]}); falling back to mongo-java-server`,
      )
    }
  }
  requireTools(['java'])
  const fetchStarted = Date.now()
  if (await ensureMongoJavaServer(layout)) log(`mongo: fetched mongo-java-server in ${elapsed(fetchStarted)}`)
  const memory = kind === 'mongo-java-server-memory'
  return {
    kind: memory ? kind : 'mongo-java-server',
    version: memory
      ? MONGO_JAVA_SERVER_VERSION
      : `${MONGO_JAVA_SERVER_VERSION} (H2 ${H2_VERSION}, commit ${config.mongoCommit})`,
    log: layout.mongoJava.log,
    marker: mongoJavaMarker(layout),
    start: () =>
      startMongoJavaServer(config, layout, { storage: memory ? 'memory' : 'h2', commit: config.mongoCommit }),
  }
}

interface PingWait {
  /** The process we started or recorded: its death ends the wait at once instead of at the timeout. */
  owned?: { pid: number; log: string }
  timeoutMs: number
  message: string
  signal?: AbortSignal
}

function waitForPing(url: string, { owned, timeoutMs, message, signal }: PingWait) {
  return waitUntil(
    async () => {
      if (await probeMongo(url)) return true
      if (owned && !isAlive(owned.pid))
        throw new Error(`exited during start-up: ${message}\n${tail(owned.log)}`)
      return undefined
    },
    { timeoutMs, intervalMs: 250, timeoutMessage: message, signal },
  )
}
