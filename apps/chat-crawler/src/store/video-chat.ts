import { COLLECTIONS, type VideoView } from '@vodscope/contracts'
import { withDocumentLock } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'

/** The gateway's `ChatSummary` (`GET /v1/videos/:videoKey`). */
export type ChatSummaryView = NonNullable<VideoView['chat']>

/**
 * Sets `videos.chat`. The extractor owns the document and the audio stage writes `videos.audio` at
 * any moment; FerretDB loses concurrent updates of one document, so the write holds the document's
 * lease (worker-kit's lock, which every writer of `videos` takes).
 */
export async function setVideoChat(db: Db, videoKey: string, chat: ChatSummaryView): Promise<void> {
  await withDocumentLock(db, `videos/${videoKey}`, () =>
    db.collection<{ _id: string }>(COLLECTIONS.videos).updateOne({ _id: videoKey }, { $set: { chat } }),
  )
}
