import { COLLECTIONS } from '@vodscope/contracts'
import { type Db, MongoServerError } from 'mongodb'

export interface FanInDocument {
  /** Names one split piece of work, e.g. `${jobId}:chat`. */
  _id: string
  total: number
  /** `pieces.<index>: true` for every finished piece; a map, so marking twice changes nothing. */
  pieces: Record<string, true>
  createdAt: Date
  updatedAt: Date
  /** Set by `markJoined` once the join's effects are stored. */
  joinedAt: Date | null
}

export interface FanInResult {
  /** Distinct pieces finished, this one included. */
  done: number
  total: number
  /** Every piece has finished. */
  complete: boolean
  /** This call finished the last piece: true for exactly one caller, however many race. */
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

const DUPLICATE_KEY = 11_000

/**
 * The fan-in ("chord") of a split stage on the `fanin` collection. Each mark is a single atomic
 * findOneAndUpdate returning the document as it was before: whether this call added the last missing
 * piece follows from that one snapshot, so concurrent finishers cannot both see themselves last.
 * Uses only $set and $setOnInsert with upsert, which FerretDB supports as MongoDB does.
 */
export function createFanIn(db: Db, now: () => Date = () => new Date()): FanIn {
  const fanin = db.collection<FanInDocument>(COLLECTIONS.fanin)

  async function mark(id: string, piece: number, total: number): Promise<FanInDocument | null> {
    const at = now()
    return fanin.findOneAndUpdate(
      { _id: id },
      {
        $set: { [`pieces.${piece}`]: true, updatedAt: at },
        $setOnInsert: { total, createdAt: at, joinedAt: null },
      },
      { upsert: true, returnDocument: 'before' },
    )
  }

  return {
    async markDone({ id, piece, total }) {
      if (!Number.isInteger(piece) || !Number.isInteger(total) || piece < 0 || piece >= total) {
        throw new RangeError(`fan-in ${id}: piece ${piece} is not within 0..${total - 1}`)
      }
      let before: FanInDocument | null
      try {
        before = await mark(id, piece, total)
      } catch (err) {
        // Two first pieces raced to insert the document; the loser's update now finds it.
        if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err
        before = await mark(id, piece, total)
      }
      const known = before?.total ?? total
      const previous = Object.keys(before?.pieces ?? {}).length
      const added = before?.pieces?.[String(piece)] !== true
      const done = previous + (added ? 1 : 0)
      return {
        done,
        total: known,
        complete: done >= known,
        completedNow: added && done === known,
        joined: before?.joinedAt != null,
      }
    },

    async markJoined(id) {
      await fanin.updateOne({ _id: id }, { $set: { joinedAt: now() } })
    },
  }
}
