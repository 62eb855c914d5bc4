import { COLLECTIONS, type Highlight, type VideoView } from '@vodscope/contracts'
import { withDocumentLock } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'

/** The gateway's `AudioSummary`: what the audio stage reports about a video. */
export type AudioSummaryView = NonNullable<VideoView['audio']>

/**
 * `highlights`, `_id` videoKey: the ranked windows and what produced them. The gateway serves
 * `highlights` (it rebuilds each `url` from the video, so a changed link format needs no re-run).
 */
export interface HighlightsDocument {
  _id: string
  videoKey: string
  jobId: string
  highlights: Highlight[]
  /** Which signals the ranking used: chat joins once the chat stage has finished. */
  fused: { audio: true; chat: boolean }
  /** False while the chat stage may still add its signal (an audio-only ranking, re-ranked later). */
  final: boolean
  audio: AudioSummaryView
  computedAt: Date
}

/**
 * Stores a ranking unless the same job already stored a final one and this one is provisional: the
 * audio and chat finishers may compute at the same moment, and the audio-only ranking that lost the
 * race must not replace the fused one. Read-compare-write under the document's lease, because
 * FerretDB does not serialise conditional updates. Returns whether it wrote.
 */
export async function saveHighlights(
  db: Db,
  doc: Omit<HighlightsDocument, '_id' | 'computedAt'>,
): Promise<boolean> {
  const collection = db.collection<HighlightsDocument>(COLLECTIONS.highlights)
  return withDocumentLock(db, `highlights/${doc.videoKey}`, async () => {
    const existing = await collection.findOne({ _id: doc.videoKey }, { projection: { jobId: 1, final: 1 } })
    if (existing !== null && existing.jobId === doc.jobId && existing.final && !doc.final) return false
    await collection.replaceOne({ _id: doc.videoKey }, { ...doc, computedAt: new Date() }, { upsert: true })
    return true
  })
}
