import { COLLECTIONS, type VideoKey } from '@vodscope/contracts'
import { databaseUnavailable } from '../errors.js'
import type { StoredHighlights, StoredVideo } from '../views/video-view.js'
import type { MongoConnection } from './mongo-connection.js'

/** What the gateway reads about a video: its metadata and its ranked highlights. */
export interface VideoStore {
  /** `null` when no video has this key; rejects with DATABASE_UNAVAILABLE when MongoDB is away. */
  findVideo(videoKey: VideoKey): Promise<{ video: StoredVideo; highlights: StoredHighlights | null } | null>
  close(): Promise<void>
}

export class MongoVideoStore implements VideoStore {
  constructor(private readonly mongo: MongoConnection) {}

  async findVideo(videoKey: VideoKey) {
    try {
      return await this.mongo.run(async (db) => {
        // Both reads at once: the highlights document is small and usually wanted with the video.
        const [video, highlights] = await Promise.all([
          db.collection<StoredVideo>(COLLECTIONS.videos).findOne({ _id: videoKey }),
          db.collection<StoredHighlights>(COLLECTIONS.highlights).findOne({ _id: videoKey }),
        ])
        return video === null ? null : { video, highlights }
      })
    } catch (error) {
      throw databaseUnavailable(error)
    }
  }

  async close(): Promise<void> {}
}
