import { COLLECTIONS } from '@vodscope/contracts'
import type { Db } from 'mongodb'
import { isDuplicateKey } from './duplicate-key.js'

/** One document per finished piece, and one per completed set (`kind: 'join'`). */
export type FanInDocument =
  | { _id: string; fanin: string; kind: 'piece'; piece: number; total: number; at: Date }
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
  /** Creates the index the counts use; idempotent, run at start-up. */
  ensureIndexes(): Promise<void>
  /**
   * Marks piece `piece` of `total` finished. Run the join when `completedNow`, or when `complete` and
   * not `joined`: the second case is the redelivered last piece of a worker that died before the join
   * finished. The join itself must be idempotent, as two callers may then both run it.
   */
  markDone(input: { id: string; piece: number; total: number }): Promise<FanInResult>
  markJoined(id: string): Promise<void>
}

/**
 * The fan-in ("chord") of a split stage, on the `fanin` collection, built from inserts only. A
 * unique `_id` on insert is atomic on MongoDB and on FerretDB alike, whereas FerretDB loses
 * concurrent updates of one document (see document-lock.ts), which rules out a counter or a set
 * inside one document. Each piece inserts its own document (a repeat is a duplicate key: no change);
 * the caller that then counts all pieces tries to insert the join document, and the unique `_id`
 * lets exactly one of them through. The last piece's insert is the last to commit, so its count sees
 * every piece: someone always completes the set.
 */
export function createFanIn(db: Db, now: () => Date = () => new Date()): FanIn {
  const fanin = db.collection<FanInDocument>(COLLECTIONS.fanin)
  let indexed: Promise<void> | undefined
  const ensureIndexes = () => {
    indexed ??= fanin.createIndex({ fanin: 1, kind: 1 }).then(() => undefined)
    return indexed
  }

  async function insertOnce(doc: FanInDocument): Promise<boolean> {
    try {
      await fanin.insertOne(doc)
      return true
    } catch (err) {
      if (isDuplicateKey(err)) return false
      throw err
    }
  }

  return {
    ensureIndexes,

    async markDone({ id, piece, total }) {
      if (!Number.isInteger(piece) || !Number.isInteger(total) || piece < 0 || piece >= total) {
        throw new RangeError(`fan-in ${id}: piece ${piece} is not within 0..${total - 1}`)
      }
      await ensureIndexes()
      await insertOnce({ _id: `${id}/piece/${piece}`, fanin: id, kind: 'piece', piece, total, at: now() })
      const done = await fanin.countDocuments({ fanin: id, kind: 'piece' })
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
