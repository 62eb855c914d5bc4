import { COLLECTIONS } from '@vodscope/contracts'
import { connectMongo } from '@vodscope/infra'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createFanIn, type FanInDocument } from '../src/index.js'
import { infra } from './support/kafka.js'
import { testDatabase } from './support/mongo.js'

describe('fan-in', () => {
  it('should let exactly one of many concurrent and repeated finishers complete the set', async () => {
    const { db } = await testDatabase()
    const fanIn = createFanIn(db)
    const total = 30
    const calls = [...Array.from({ length: total }, (_, i) => i), 0, 7, 29, 29, 13]
    const results = await Promise.all(
      calls.map((piece) => fanIn.markDone({ id: 'job-1:chat', piece, total })),
    )
    expect(results.filter((r) => r.completedNow)).toHaveLength(1)
    const final = await fanIn.markDone({ id: 'job-1:chat', piece: 3, total })
    expect(final).toEqual({ done: total, total, complete: true, completedNow: false, joined: false })
  })

  it('should count every piece once when separate clients (processes) race on one set', async () => {
    const first = await testDatabase()
    // A second connection to the same database: its updates are not queued behind the first's.
    const second = await connectMongo(infra, first.name)
    onTestFinished(() => second.close())
    const fanIns = [createFanIn(first.db), createFanIn(second.db)]
    const total = 24
    const results = await Promise.all(
      Array.from({ length: total * 2 }, (_, i) =>
        fanIns[i % 2]!.markDone({ id: 'job-2:audio', piece: i % total, total }),
      ),
    )
    expect(results.filter((r) => r.completedNow)).toHaveLength(1)
    expect(Math.max(...results.map((r) => r.done))).toBe(total)
    const set = await first.db
      .collection<FanInDocument>(COLLECTIONS.fanin)
      .findOne({ _id: 'job-2:audio/pieces' })
    // $addToSet keeps arrival order; the set's content is the contract.
    const done = set?.kind === 'pieces' ? [...set.done].sort((a, b) => a - b) : []
    expect(done).toEqual(Array.from({ length: total }, (_, i) => i))
  })

  it('should tell a redelivered last piece that the join is still owed, until it is marked joined', async () => {
    const { db } = await testDatabase()
    const fanIn = createFanIn(db)
    expect(await fanIn.markDone({ id: 'v', piece: 0, total: 2 })).toMatchObject({ done: 1, complete: false })
    expect(await fanIn.markDone({ id: 'v', piece: 1, total: 2 })).toMatchObject({
      complete: true,
      completedNow: true,
    })
    // The worker died before the join finished; the last piece comes again.
    expect(await fanIn.markDone({ id: 'v', piece: 1, total: 2 })).toMatchObject({
      complete: true,
      completedNow: false,
      joined: false,
    })
    await fanIn.markJoined('v')
    expect(await fanIn.markDone({ id: 'v', piece: 1, total: 2 })).toMatchObject({
      complete: true,
      joined: true,
    })
    // Sets are independent.
    expect(await fanIn.markDone({ id: 'w', piece: 1, total: 2 })).toMatchObject({ done: 1, complete: false })
  })

  it('should reject a piece outside the set', async () => {
    const { db } = await testDatabase()
    const fanIn = createFanIn(db)
    await expect(fanIn.markDone({ id: 'x', piece: 2, total: 2 })).rejects.toThrow(RangeError)
    await expect(fanIn.markDone({ id: 'x', piece: -1, total: 2 })).rejects.toThrow(RangeError)
  })
})
