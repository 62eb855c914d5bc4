import { COLLECTIONS, type HighlightsDocument, type VideoView } from '@vodscope/contracts'
import { isDuplicateKey } from '@vodscope/infra'
import type { Db } from 'mongodb'

/** The gateway's `AudioSummary`: what the audio stage reports about a video. */
export type AudioSummaryView = NonNullable<VideoView['audio']>

export type { HighlightsDocument }

/**
 * Stores a ranking unless the same job already stored a final one and this one is provisional: the
 * audio and chat finishers may compute at the same moment, and the audio-only ranking that lost the
 * race must not replace the fused one. One atomic replace whose filter excludes that case; when it
 * excludes the stored document, the upsert's insert meets its `_id` and fails as a duplicate key.
 * Returns whether it wrote.
 */
export async function saveHighlights(
  db: Db,
  doc: Omit<HighlightsDocument, '_id' | 'computedAt'>,
): Promise<boolean> {
  const collection = db.collection<HighlightsDocument>(COLLECTIONS.highlights)
  const filter = doc.final
    ? { _id: doc.videoKey }
    : { _id: doc.videoKey, $nor: [{ jobId: doc.jobId, final: true }] }
  try {
    await collection.replaceOne(filter, { ...doc, computedAt: new Date() }, { upsert: true })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}
