import { connectMongo, ensureIndexes, type InfraConfig, type MongoHandle } from '@vodscope/infra'
import type { Db } from 'mongodb'
import { withTimeout } from './deadline.js'
import type { Log } from './log.js'

/**
 * A MongoDB connection made on first use and made again after a failure, so the gateway starts and
 * takes links while the database is down. Every use is bounded by `timeoutMs`: the caller decides
 * whether to go on without the database (intake) or answer 503 (reads).
 */
export class MongoConnection {
  private handle: Promise<MongoHandle> | undefined
  private closed = false

  constructor(
    private readonly config: InfraConfig,
    private readonly log: Log,
    readonly timeoutMs: number,
    private readonly dbName: string = config.mongoDb,
  ) {}

  /** Runs `work` against the database; rejects if connecting plus the work takes over `timeoutMs`. */
  run<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return withTimeout(
      this.connect().then((h) => work(h.db)),
      this.timeoutMs,
    )
  }

  async close(): Promise<void> {
    this.closed = true
    const handle = this.handle
    this.handle = undefined
    await handle?.then((h) => h.close()).catch(() => undefined)
  }

  private connect(): Promise<MongoHandle> {
    if (this.closed) return Promise.reject(new Error('the database connection is closed'))
    if (this.handle === undefined) {
      // Indexes are created with each new connection, so a gateway started before its database has
      // them once the database is there.
      const attempt = connectMongo(this.config, this.dbName).then(async (handle) => {
        await ensureIndexes(handle.db).catch(async (error: unknown) => {
          await handle.close()
          throw error
        })
        return handle
      })
      this.handle = attempt
      attempt.catch((error: unknown) => {
        this.log.warn({ err: error }, 'mongodb unreachable; will reconnect on next use')
        // Forget the failed attempt so the next request tries again.
        if (this.handle === attempt) this.handle = undefined
      })
    }
    return this.handle
  }
}
