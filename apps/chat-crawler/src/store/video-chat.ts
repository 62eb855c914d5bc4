import { COLLECTIONS, type VideoDocument, type VideoView } from '@vodscope/contracts'
import type { Db } from 'mongodb'

/** The gateway's `ChatSummary` (`GET /v1/videos/:videoKey`). */
export type ChatSummaryView = NonNullable<VideoView['chat']>

/**
 * Sets `videos.chat`: one `$set` of its own field, so the extractor's metadata and the audio stage's
 * summary on the same document stay as they are.
 */
export async function setVideoChat(db: Db, videoKey: string, chat: ChatSummaryView): Promise<void> {
  await db.collection<VideoDocument>(COLLECTIONS.videos).updateOne({ _id: videoKey }, { $set: { chat } })
}
