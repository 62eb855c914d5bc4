/**
 * Shapes of the stored documents, one definition each: every app types its reads and writes against
 * these. The indexes are in @vodscope/infra (INDEXES).
 */
export * from './audio-loudness.js'
export * from './chat-batches.js'
export * from './chat-stats.js'
export * from './jobs.js'
export * from './videos.js'
