import { COLLECTIONS } from '@vodscope/contracts'
import { isDuplicateKey } from '@vodscope/infra'
import type { Db, UpdateFilter } from 'mongodb'

/**
 * One document per set: the pieces finished so far (`${id}/pieces`), and one per completed set
 * (`${id}/join`).
 */
export type FanInDocument =
  | { _id: string; fanin: string; kind: 'pieces'; total: number; done: number[]; at: Date }
  | { _id: string; fanin: string; kind: 'join'; total: number; completedAt: Date; joinedAt: Date | null }

export interface FanInResult {
  /** Distinct pieces finished, this one included. */
  done: number
  total: number
  /** Every piece has finished. */
  complete: boolean
  /** This call completed the set: true for exactly one caller, however many race or repeat. */
  completedNow: boolean
  /** The join already ran to the end (see `markJoined`). */
  joined: boolean
}

export interface FanIn {
  /**
   * Marks piece `piece` of `total` finished. Run the join when `completedNow`, or when `complete` and
   * not `joined`: the second case is the redelivered last piece of a worker that died before the join
   * finished. The join itself must be idempotent, as two callers may then both run it.
   */
  markDone(input: { id: string; piece: number; total: number }): Promise<FanInResult>
  markJoined(id: string): Promise<void>
}

/**
 * The fan-in ("chord") of a split stage, on the `fanin` collection. The set of finished pieces lives in
 * one document (`${id}/pieces`) and grows by one atomic `$addToSet` per piece, so pieces finishing at
 * the same moment in different processes are all counted, and a redelivered piece is counted once. A
 * worker that dies before or after that write leaves the set consistent. The caller that finds the set
 * complete tries to insert the join document; the unique `_id` lets exactly one of them through.
 */
export function createFanIn(db: Db, now: () => Date = () => new Date()): FanIn {
  const fanin = db.collection<FanInDocument>(COLLECTIONS.fanin)

  async function insertOnce(doc: FanInDocument): Promise<boolean> {
    try {
      await fanin.insertOne(doc)
      return true
    } catch (err) {
      if (isDuplicateKey(err)) return false
      throw err
    }
  }

  /** Records `piece` in the set; returns how many distinct pieces are finished. */
  async function record(id: string, piece: number, total: number): Promise<number> {
    const filter = { _id: `${id}/pieces` }
    const update = {
      $addToSet: { done: piece },
      $set: { at: now() },
      $setOnInsert: { fanin: id, kind: 'pieces', total },
    } as UpdateFilter<FanInDocument>
    const options = { upsert: true, returnDocument: 'after' } as const
    // Two first pieces racing to create the set: one upsert inserts, the other may fail on the unique
    // `_id` (MongoDB does not retry it), and then finds the document to update.
    const set = await fanin.findOneAndUpdate(filter, update, options).catch((err: unknown) => {
      if (isDuplicateKey(err)) return fanin.findOneAndUpdate(filter, update, options)
      throw err
    })
    return set?.kind === 'pieces' ? set.done.length : 0
  }

  return {
    async markDone({ id, piece, total }) {
      if (!Number.isInteger(piece) || !Number.isInteger(total) || piece < 0 || piece >= total) {
        throw new RangeError(`fan-in ${id}: piece ${piece} is not within 0..${total - 1}`)
      }
      const done = await record(id, piece, total)
      if (done < total) return { done, total, complete: false, completedNow: false, joined: false }
      const joinId = `${id}/join`
      if (
        await insertOnce({ _id: joinId, fanin: id, kind: 'join', total, completedAt: now(), joinedAt: null })
      ) {
        return { done, total, complete: true, completedNow: true, joined: false }
      }
      const join = await fanin.findOne({ _id: joinId })
      return {
        done,
        total,
        complete: true,
        completedNow: false,
        joined: join?.kind === 'join' && join.joinedAt !== null,
      }
    },

    async markJoined(id) {
      await fanin.updateOne({ _id: `${id}/join` }, { $set: { joinedAt: now() } })
    },
  }
}
