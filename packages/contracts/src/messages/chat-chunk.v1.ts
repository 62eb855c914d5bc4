import Type, { type Static } from 'typebox'
import { TOPICS } from '../topics.js'
import { envelope, LIMITS, rangeOf, Seconds } from './common.js'
import { VideoPart } from './video-extracted.v1.js'

/**
 * One time range of a VOD's chat replay for one chunk worker to crawl. Key: `videoKey:chunkIndex`,
 * so the chunks of one VOD spread over every partition and every replica helps.
 * `startSec`/`endSec` are VOD time; `part` says which part the range lies in (SOOP).
 */
export const ChatChunkV1 = Type.Object(
  {
    ...envelope,
    chunkIndex: Type.Integer({ minimum: 0, maximum: LIMITS.maxPieces - 1 }),
    chunkCount: Type.Integer({ minimum: 1, maximum: LIMITS.maxPieces }),
    startSec: Seconds,
    endSec: Seconds,
    part: VideoPart,
  },
  rangeOf(LIMITS.maxChunkSec),
)
export type ChatChunkV1 = Static<typeof ChatChunkV1>
export const CHAT_CHUNK_V1_TOPIC = TOPICS.chatChunks
