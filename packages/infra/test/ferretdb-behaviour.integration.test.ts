import { randomUUID } from 'node:crypto'
import { MongoBulkWriteError, MongoServerError } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMongo, type MongoHandle } from '../src/clients.js'
import { loadInfraConfig } from '../src/config.js'

/**
 * The MongoDB features the pipeline relies on, checked against the devstack's server (FerretDB 1.x).
 * Each test passes on real MongoDB too; where FerretDB differs, the test accepts both and README.md
 * says how to design around it.
 */
interface Doc {
  _id: string
  videoKey?: string
  piece?: number
  n?: number
  created?: string
  tags?: string[]
  status?: string
}

let mongo: MongoHandle

beforeAll(async () => {
  mongo = await connectMongo(loadInfraConfig(), `test-${randomUUID()}`)
})

afterAll(async () => {
  await mongo.db.dropDatabase()
  await mongo.close()
})

const collection = () => mongo.db.collection<Doc>(`c-${randomUUID()}`)

describe('FerretDB as the pipeline uses it', () => {
  it('should apply bulkWrite upserts with $set, $setOnInsert, $inc and $addToSet idempotently', async () => {
    const docs = collection()
    const upsert = (id: string, tag: string) => ({
      updateOne: {
        filter: { _id: id },
        update: {
          $set: { status: 'seen' },
          $setOnInsert: { created: 'first' },
          $inc: { n: 1 },
          $addToSet: { tags: tag },
        },
        upsert: true,
      },
    })
    const first = await docs.bulkWrite([upsert('a', 'x'), upsert('b', 'x')], { ordered: false })
    expect(first.upsertedCount).toBe(2)
    const second = await docs.bulkWrite([upsert('a', 'x'), upsert('b', 'y')], { ordered: false })
    expect({ upserted: second.upsertedCount, matched: second.matchedCount }).toEqual({
      upserted: 0,
      matched: 2,
    })
    expect(await docs.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', status: 'seen', created: 'first', n: 2, tags: ['x'] },
      { _id: 'b', status: 'seen', created: 'first', n: 2, tags: ['x', 'y'] },
    ])
  })

  it('should insert every non-duplicate of an unordered insertMany and report each duplicate as 11000', async () => {
    const docs = collection()
    await docs.createIndex({ videoKey: 1, piece: 1 }, { unique: true })
    await docs.insertMany([
      { _id: '1', videoKey: 'v', piece: 1 },
      { _id: '2', videoKey: 'v', piece: 2 },
    ])
    const attempt = docs.insertMany(
      [
        { _id: '3', videoKey: 'v', piece: 3 },
        { _id: '1', videoKey: 'v', piece: 9 }, // duplicate _id
        { _id: '4', videoKey: 'v', piece: 2 }, // duplicate (videoKey, piece)
        { _id: '5', videoKey: 'v', piece: 5 },
      ],
      { ordered: false },
    )
    const error = await attempt.then(
      () => expect.fail('duplicates must be reported'),
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MongoBulkWriteError)
    const bulkError = error as MongoBulkWriteError
    expect(bulkError.code).toBe(11000)
    // Read what was inserted from writeErrors and the data: mongo-java-server (the fallback) counts
    // failed documents in result.insertedCount.
    const writeErrors = Array.isArray(bulkError.writeErrors) ? bulkError.writeErrors : [bulkError.writeErrors]
    expect(writeErrors.map((w) => ({ index: w.index, code: w.code }))).toEqual([
      { index: 1, code: 11000 },
      { index: 2, code: 11000 },
    ])
    expect((await docs.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['1', '2', '3', '5'])
  })

  it('should stop an ordered insertMany at the first duplicate', async () => {
    const docs = collection()
    await docs.insertOne({ _id: 'dup' })
    const attempt = docs.insertMany([{ _id: 'before' }, { _id: 'dup' }, { _id: 'after' }], { ordered: true })
    await expect(attempt).rejects.toMatchObject({ code: 11000 })
    expect((await docs.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['before', 'dup'])
  })

  it('should enforce a unique compound index on insert (11000) and on update (FerretDB: code 1)', async () => {
    const docs = collection()
    await docs.createIndex({ videoKey: 1, piece: 1 }, { unique: true })
    await docs.insertMany([
      { _id: 'a', videoKey: 'v', piece: 1 },
      { _id: 'b', videoKey: 'v', piece: 2 },
    ])
    await expect(docs.insertOne({ _id: 'c', videoKey: 'v', piece: 1 })).rejects.toMatchObject({ code: 11000 })
    const update = await docs.updateOne({ _id: 'b' }, { $set: { piece: 1 } }).catch((e: unknown) => e)
    expect(update).toBeInstanceOf(MongoServerError)
    // MongoDB says 11000; FerretDB 1.24 surfaces the SQLite constraint as InternalError (code 1).
    expect([1, 11000]).toContain((update as MongoServerError).code)
    expect(await docs.findOne({ _id: 'b' })).toMatchObject({ piece: 2 })
  })

  it('should upsert with findOneAndUpdate and return the document before or after', async () => {
    const docs = collection()
    const inserted = await docs.findOneAndUpdate(
      { _id: 'job' },
      { $setOnInsert: { created: 'now' }, $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    )
    expect(inserted).toEqual({ _id: 'job', created: 'now', n: 1 })
    const before = await docs.findOneAndUpdate(
      { _id: 'job' },
      { $inc: { n: 1 } },
      { returnDocument: 'before' },
    )
    expect(before).toEqual({ _id: 'job', created: 'now', n: 1 })
    const none = await docs.findOneAndUpdate(
      { _id: 'new' },
      { $set: { n: 5 } },
      { upsert: true, returnDocument: 'before' },
    )
    expect(none).toBeNull()
    expect(await docs.findOne({ _id: 'job' })).toEqual({ _id: 'job', created: 'now', n: 2 })
  })

  it('should count documents with and without a filter', async () => {
    const docs = collection()
    await docs.insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: `d${i}`, piece: i })))
    expect(await docs.countDocuments()).toBe(25)
    expect(await docs.countDocuments({ piece: { $gte: 20 } })).toBe(5)
  })

  it('should count concurrent fan-in exactly when each piece is its own document', async () => {
    // The pattern to use instead of $inc/$addToSet on one shared document (see README.md).
    const docs = collection()
    await docs.createIndex({ videoKey: 1, piece: 1 }, { unique: true })
    const pieces = Array.from({ length: 40 }, (_, i) => i)
    const redelivered = [...pieces, ...pieces.slice(0, 10)]
    await Promise.all(
      redelivered.map((piece) =>
        docs
          .updateOne(
            { videoKey: 'v', piece },
            { $setOnInsert: { _id: `v:${piece}`, status: 'done' } },
            { upsert: true },
          )
          .catch((e: unknown) => {
            // A concurrent upsert of the same natural key may lose the race: the piece is recorded anyway.
            if ((e as MongoServerError).code !== 11000) throw e
          }),
      ),
    )
    expect(await docs.countDocuments({ videoKey: 'v' })).toBe(40)
  })
})
