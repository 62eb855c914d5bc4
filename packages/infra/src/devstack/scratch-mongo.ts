import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { stackLayout } from './layout.js'
import { downMongo, upMongo } from './mongo-component.js'
import { readPidRecord } from './pid-records.js'
import { isAlive } from './processes.js'
import {
  loadStackConfig,
  type MongoCommitMode,
  type MongoServerKind,
  stackEndpoints,
} from './stack-config.js'

/**
 * One Mongo-compatible server of a chosen kind on a free loopback port, with its own stack folder under
 * the temp dir, started and stopped by the devstack's own code (`upMongo`/`downMongo`). The conformance
 * suite and bench/store use it so they measure exactly what `npm run stack -- up` would start, without
 * touching the shared stack.
 */
export interface ScratchMongo {
  kind: MongoServerKind
  url: string
  stackDir: string
  /** SIGKILL to the server's process group: no shutdown hook, no flush. */
  kill: () => Promise<void>
  /** Starts the server again on the same folder and port (after `kill` or `stop`). */
  restart: () => Promise<void>
  /** What `npm run stack -- down` does: SIGTERM, SIGKILL after ten seconds. */
  stop: () => Promise<void>
  /** Stops the server and removes its folder. */
  dispose: () => Promise<void>
}

export interface ScratchMongoOptions {
  commit?: MongoCommitMode
  log?: (line: string) => void
}

export async function startScratchMongo(
  kind: MongoServerKind,
  { commit = 'ack', log = () => {} }: ScratchMongoOptions = {},
): Promise<ScratchMongo> {
  const stackDir = mkdtempSync(join(tmpdir(), `vodscope-store-${kind}-`))
  // An explicit environment: MONGO_URL of the shared stack must not make this one "external".
  const config = loadStackConfig({
    VODSCOPE_STACK_DIR: stackDir,
    VODSCOPE_MONGO_PORT: String(await freePort()),
    VODSCOPE_MONGO_SERVER: kind,
    VODSCOPE_MONGO_COMMIT: commit,
  })
  const layout = stackLayout(config)
  const up = async () => {
    await upMongo({ config, layout, log })
  }
  try {
    await up()
  } catch (error) {
    rmSync(stackDir, { recursive: true, force: true })
    throw error
  }
  return {
    kind,
    url: stackEndpoints(config).mongoUrl,
    stackDir,
    kill: async () => {
      const record = readPidRecord(layout.pidsDir, 'mongo')
      if (!record) return
      try {
        process.kill(-record.pid, 'SIGKILL')
      } catch {
        // already gone
      }
      const deadline = Date.now() + 5_000 // five seconds for the kernel to reap it
      while (isAlive(record.pid) && Date.now() < deadline) await sleep(50)
    },
    restart: up,
    stop: async () => {
      await downMongo(layout)
    },
    dispose: async () => {
      await downMongo(layout)
      rmSync(stackDir, { recursive: true, force: true })
    },
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('the OS gave no port')
  return address.port
}
