import { isDuplicateKey } from '@vodscope/infra'
import type { Collection, Document, WithoutId } from 'mongodb'

/**
 * An upserting replace by `_id` that survives a concurrent twin. Two upserts of a missing document
 * may both try the insert; MongoDB does not retry it, and the loser fails with a duplicate key, and a second
 * replace then finds the document and overwrites it — with the same content, as every caller's write
 * here is idempotent.
 */
export async function replaceById<T extends Document & { _id: string }>(
  collection: Collection<T>,
  _id: string,
  doc: WithoutId<T>,
): Promise<void> {
  const filter = { _id } as Parameters<Collection<T>['replaceOne']>[0]
  try {
    await collection.replaceOne(filter, doc, { upsert: true })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    await collection.replaceOne(filter, doc, { upsert: true })
  }
}
