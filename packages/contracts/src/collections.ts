/** MongoDB collection names. Every write to them is an idempotent upsert keyed by natural ids. */
export const COLLECTIONS = {
  /** One document per job: `_id` jobId, unique `videoKey` of the active job, per-stage status. */
  jobs: 'jobs',
  /** Metadata, `_id` videoKey. */
  videos: 'videos',
  /** Unique by (platform, messageId); videoKey, offsetMs, author, text. */
  chatMessages: 'chat_messages',
  /** Per-second chat counts, one document per (videoKey, chunk). */
  chatStats: 'chat_stats',
  /** Per-second loudness, one document per (videoKey, segment). */
  audioLoudness: 'audio_loudness',
  /** Ranked windows, `_id` videoKey. */
  highlights: 'highlights',
  /** Fan-in ("chord") state: which pieces of a split stage have finished. */
  fanin: 'fanin',
  /**
   * Short leases (worker-kit's document lock) that serialise writes to one document from several
   * processes: FerretDB applies concurrent updates of one document without a lock and loses some.
   */
  locks: 'locks',
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
