import { COLLECTIONS } from '@vodscope/contracts'
import type { Db } from 'mongodb'
import { withDocumentLock } from './document-lock.js'
import { isDuplicateKey } from './duplicate-key.js'

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
 * The fan-in ("chord") of a split stage, on the `fanin` collection. Every read and write goes by
 * `_id`, the one lookup FerretDB's SQLite backend serves from an index (any other filter scans the
 * whole collection, which made counting a job's pieces cost 200 ms once 3,000 pieces were stored).
 *
 * The set of finished pieces lives in one document, updated under the set's lease (document-lock.ts)
 * because FerretDB loses concurrent updates of one document. A piece is recorded in the same write
 * that counts it, so a worker that dies before or after that write leaves the set consistent, and the
 * redelivered piece is recorded once. The caller that finds the set complete tries to insert the join
 * document; the unique `_id` lets exactly one of them through.
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
  function record(id: string, piece: number, total: number): Promise<number> {
    const setId = `${id}/pieces`
    return withDocumentLock(db, `fanin/${id}`, async () => {
      const set = await fanin.findOne({ _id: setId })
      const done = set?.kind === 'pieces' ? set.done : []
      if (done.includes(piece)) return done.length
      const next = [...done, piece].sort((a, b) => a - b)
      if (set === null) {
        await fanin.insertOne({ _id: setId, fanin: id, kind: 'pieces', total, done: next, at: now() })
      } else {
        await fanin.updateOne({ _id: setId }, { $set: { done: next, at: now() } })
      }
      return next.length
    })
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
