import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { COLLECTIONS } from '@vodscope/contracts'
import type { Db } from 'mongodb'
import { isDuplicateKey } from './duplicate-key.js'
import { WorkerError } from './errors.js'

/** The collection of short leases; one document per locked resource. */
export const LOCKS_COLLECTION = COLLECTIONS.locks

interface LockDocument {
  _id: string
  token: string
  expiresAt: Date
}

export interface LockOptions {
  leaseMs: number
  waitMs: number
  pollMs: number
}

export const LOCK_DEFAULTS = {
  leaseMs: 10_000, // ten seconds: a holder that died frees the lock after this
  waitMs: 15_000, // fifteen seconds of waiting before giving up (retryable)
  pollMs: 50, // upper bound of one wait between attempts (growing from 1 ms, jittered)
} as const satisfies LockOptions

/**
 * Runs `fn` while holding a lease on `key`. Needed because FerretDB (the devstack's MongoDB) applies
 * concurrent updates of one document as unsynchronised read-modify-writes: measured with 50
 * concurrent `$set`/`$inc` on one document, about two thirds of them were lost, and a conditional
 * update "won" 13 times. The one atomic primitive it has is the unique `_id` on insert, so the lease
 * is an insert. On MongoDB the lock is merely redundant, costing two round trips.
 *
 * `fn` must finish well within `leaseMs`: after that a waiter takes the lease as abandoned.
 */
export async function withDocumentLock<T>(
  db: Db,
  key: string,
  fn: () => Promise<T>,
  options: Partial<LockOptions> = {},
): Promise<T> {
  // Callers in one process queue here first, so at most one of them polls the database per key:
  // thirty waiters polling a server that takes ~200 writes/s would starve the holder.
  const previous = local.get(key) ?? Promise.resolve()
  const run = previous.then(() => lease(db, key, fn, options))
  const tail = run.then(
    () => {},
    () => {},
  )
  local.set(key, tail)
  void tail.then(() => {
    if (local.get(key) === tail) local.delete(key)
  })
  return run
}

const local = new Map<string, Promise<void>>()

/** The lease alone, without the in-process queue: what separate processes contend on. */
export async function lease<T>(
  db: Db,
  key: string,
  fn: () => Promise<T>,
  options: Partial<LockOptions>,
): Promise<T> {
  const { leaseMs, waitMs, pollMs } = { ...LOCK_DEFAULTS, ...options }
  const locks = db.collection<LockDocument>(LOCKS_COLLECTION)
  const token = randomUUID()
  const giveUpAt = Date.now() + waitMs
  for (let round = 0; ; round++) {
    try {
      await locks.insertOne({ _id: key, token, expiresAt: new Date(Date.now() + leaseMs) })
      break
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
    const held = await locks.findOne({ _id: key })
    if (held !== null && held.expiresAt.getTime() < Date.now()) {
      // The holder died mid-update; its lease ran out. Deleting by token cannot free a newer lease.
      await locks.deleteOne({ _id: key, token: held.token })
      continue
    }
    if (Date.now() > giveUpAt)
      throw new WorkerError('WORKER_LOCK_TIMEOUT', `lock ${key} still held after ${waitMs} ms`)
    await sleep(1 + Math.random() * Math.min(pollMs, 2 ** round))
  }
  try {
    return await fn()
  } finally {
    await locks.deleteOne({ _id: key, token }).catch(() => {})
  }
}
