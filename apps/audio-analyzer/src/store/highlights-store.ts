import type { Highlight, VideoKey, VideoView } from '@vodscope/contracts'
import type { Collection } from 'mongodb'

/** The gateway's `AudioSummary`: what the audio stage reports about a video. */
export type AudioSummaryView = NonNullable<VideoView['audio']>

/**
 * `highlights`, `_id` videoKey: the ranked windows and what produced them. The gateway serves
 * `highlights` (it rebuilds each `url` from the video, so a changed link format needs no re-run).
 */
export interface HighlightsDocument {
  _id: VideoKey
  videoKey: VideoKey
  jobId: string
  highlights: Highlight[]
  /** Which signals the ranking used: chat joins once the chat stage has finished. */
  fused: { audio: true; chat: boolean }
  audio: AudioSummaryView
  computedAt: Date
}

export async function saveHighlights(
  collection: Collection<HighlightsDocument>,
  doc: Omit<HighlightsDocument, '_id' | 'computedAt'>,
): Promise<void> {
  await collection.replaceOne({ _id: doc.videoKey }, { ...doc, computedAt: new Date() }, { upsert: true })
}
