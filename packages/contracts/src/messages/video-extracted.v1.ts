import Type, { type Static } from 'typebox'
import { TOPICS } from '../topics.js'
import { envelope, IsoTime, LIMITS, Seconds } from './common.js'

/**
 * One playable part of a VOD. YouTube and Twitch have one part; a long SOOP broadcast has several,
 * and the offsets of a later part add the durations of the parts before it (`startSec`).
 */
export const VideoPart = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  /** The platform's id for the part (SOOP `file_info_key`); the video id for single-part platforms. */
  partId: Type.String({ minLength: 1, maxLength: 128 }),
  startSec: Seconds,
  durationSec: Seconds,
  /** SOOP: the part's chat window (`chat_duration` of the VOD info API); absent elsewhere. */
  chatWindowSec: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxChunkSec })),
})
export type VideoPart = Static<typeof VideoPart>

/** Metadata of a video, stored by the extractor. Key: videoKey. Fans out to chat and audio. */
export const VideoExtractedV1 = Type.Object({
  ...envelope,
  title: Type.String({ maxLength: LIMITS.maxTitle }),
  durationSec: Seconds,
  channel: Type.Object({
    id: Type.String({ maxLength: LIMITS.maxName }),
    name: Type.String({ maxLength: LIMITS.maxName }),
  }),
  publishedAt: Type.Optional(IsoTime),
  parts: Type.Array(VideoPart, { minItems: 1, maxItems: LIMITS.maxParts }),
  extractedAt: IsoTime,
})
export type VideoExtractedV1 = Static<typeof VideoExtractedV1>
export const VIDEO_EXTRACTED_V1_TOPIC = TOPICS.videos
