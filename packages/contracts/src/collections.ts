/** MongoDB collection names. Every write to them is an idempotent upsert keyed by natural ids. */
export const COLLECTIONS = {
  /** One document per job: `_id` jobId, `videoKey`, per-stage status; the newest per video is found by `videoKey`. */
  jobs: 'jobs',
  /** The newest job of each video, `_id` videoKey: intake's lookup by key rather than a query on `jobs`. */
  latestJobs: 'latest_jobs',
  /** Metadata, `_id` videoKey. */
  videos: 'videos',
  /** A chunk's messages, one document per write batch: `_id` videoKey#chunkIndex#seq. */
  chatBatches: 'chat_batches',
  /** Per-second chat counts, one document per (videoKey, chunk). */
  chatStats: 'chat_stats',
  /** Per-second loudness, one document per (videoKey, segment). */
  audioLoudness: 'audio_loudness',
  /** Ranked windows, `_id` videoKey. */
  highlights: 'highlights',
  /** Fan-in ("chord") state: which pieces of a split stage have finished. */
  fanin: 'fanin',
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
