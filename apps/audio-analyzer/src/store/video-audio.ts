import { COLLECTIONS, type VideoDocument } from '@vodscope/contracts'
import type { AudioSummaryView } from '@vodscope/highlights'
import type { Db } from 'mongodb'

/**
 * Sets `videos.audio`, the audio summary the gateway shows: one `$set` of its own field, so the
 * extractor's metadata and the chat stage's summary on the same document stay as they are.
 */
export async function setVideoAudio(db: Db, videoKey: string, audio: AudioSummaryView): Promise<void> {
  await db.collection<VideoDocument>(COLLECTIONS.videos).updateOne({ _id: videoKey }, { $set: { audio } })
}
