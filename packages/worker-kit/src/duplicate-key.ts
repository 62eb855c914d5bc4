import { MongoServerError } from 'mongodb'

/** A unique index (or `_id`) refused an insert: the one atomic "someone was first" FerretDB offers. */
export function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError && err.code === 11_000
}
