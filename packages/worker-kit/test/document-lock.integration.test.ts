import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { LOCKS_COLLECTION, lease } from '../src/document-lock.js'
import { withDocumentLock } from '../src/index.js'
import { testDatabase } from './support/mongo.js'

describe('document lock', () => {
  it('should serialise read-modify-writes of contenders that share no process state', async () => {
    const { db } = await testDatabase()
    const counters = db.collection<{ _id: string; n: number }>('counters')
    await counters.insertOne({ _id: 'c', n: 0 })
    // `lease` directly: each call stands for another process, with no in-process queue to help.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        lease(
          db,
          'counters/c',
          async () => {
            const doc = await counters.findOne({ _id: 'c' })
            await sleep(5)
            await counters.updateOne({ _id: 'c' }, { $set: { n: (doc?.n ?? 0) + 1 } })
          },
          {},
        ),
      ),
    )
    expect((await counters.findOne({ _id: 'c' }))?.n).toBe(8)
    expect(await db.collection(LOCKS_COLLECTION).countDocuments()).toBe(0)
  })

  it('should take over a lease whose holder died, and give up when a live holder keeps it', async () => {
    const { db } = await testDatabase()
    const locks = db.collection<{ _id: string; token: string; expiresAt: Date }>(LOCKS_COLLECTION)
    await locks.insertOne({ _id: 'stale', token: 'dead', expiresAt: new Date(Date.now() - 1_000) })
    expect(await withDocumentLock(db, 'stale', async () => 'ran')).toBe('ran')

    await locks.insertOne({ _id: 'held', token: 'alive', expiresAt: new Date(Date.now() + 60_000) })
    await expect(withDocumentLock(db, 'held', async () => 'ran', { waitMs: 300 })).rejects.toMatchObject({
      code: 'WORKER_LOCK_TIMEOUT',
      retryable: true,
    })
  })

  it('should release the lease when the work throws', async () => {
    const { db } = await testDatabase()
    await expect(withDocumentLock(db, 'k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await withDocumentLock(db, 'k', async () => 1)).toBe(1)
  })
})
