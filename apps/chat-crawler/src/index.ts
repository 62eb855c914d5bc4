/**
 * The app's workers and core, plus its storage path on its own (`writeInBatches`, `batchDocument`,
 * `writeBatches`, `chatCollections`) for the benchmark's sequential baseline: the same documents and
 * batched writes as a chunk worker, without the chunking.
 */
export { buildChatCrawler, type ChatCrawlerOptions } from './chat-crawler.js'
export { CHAT_CRAWLER_DEFAULTS, type ChatCrawlerConfig, loadConfig } from './config.js'
export { type ChatMoment, findChatMoments, MOMENT_DEFAULTS } from './core/chat-moments.js'
export { type ChatSignal, computeChatSignal } from './core/chat-signal.js'
export { CHUNK_PLAN_DEFAULTS, planChunks } from './core/plan-chunks.js'
export type { ChatSource } from './crawl/chat-source.js'
export { writeInBatches } from './crawl/write-in-batches.js'
export { CHAT_ERRORS, ChatError, type ChatErrorCode } from './errors.js'
export {
  batchDocument,
  type ChatBatchDocument,
  countChatMessages,
  readChatMessages,
  type StoredChatMessage,
  writeBatches,
} from './store/chat-batches.js'
export type { ChatSignalDocument } from './store/chat-signal.js'
export type { ChatStatsDocument } from './store/chat-stats.js'
export { CHAT_SIGNAL_COLLECTION, chatCollections } from './store/collections.js'
