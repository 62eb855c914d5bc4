import { COLLECTIONS } from '@vodscope/contracts'
import { withDocumentLock } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import type { AudioSummaryView } from './highlights-store.js'

/**
 * Sets `videos.audio`, the audio summary the gateway shows. The extractor owns the document and the
 * chat stage may write it at the same moment; FerretDB loses concurrent updates of one document, so
 * the write holds the document's lease (worker-kit's lock, the same one every writer of it takes).
 */
export async function setVideoAudio(db: Db, videoKey: string, audio: AudioSummaryView): Promise<void> {
  await withDocumentLock(db, `videos/${videoKey}`, () =>
    db.collection<{ _id: string }>(COLLECTIONS.videos).updateOne({ _id: videoKey }, { $set: { audio } }),
  )
}
