import { createCodec } from './codec.js'
import { AudioSegmentV1 } from './messages/audio-segment.v1.js'
import { ChatChunkV1 } from './messages/chat-chunk.v1.js'
import { JobEventV1 } from './messages/job-event.v1.js'
import { LinkSubmittedV1 } from './messages/link-submitted.v1.js'
import { VideoExtractedV1 } from './messages/video-extracted.v1.js'
import { TOPICS } from './topics.js'

/** The codec of each topic's payload, compiled once. */
export const codecs = {
  [TOPICS.links]: createCodec(LinkSubmittedV1, TOPICS.links),
  [TOPICS.videos]: createCodec(VideoExtractedV1, TOPICS.videos),
  [TOPICS.chatChunks]: createCodec(ChatChunkV1, TOPICS.chatChunks),
  [TOPICS.audioSegments]: createCodec(AudioSegmentV1, TOPICS.audioSegments),
  [TOPICS.jobEvents]: createCodec(JobEventV1, TOPICS.jobEvents),
} as const

/** The schema of each topic's payload, for consumers that take a schema (worker-kit). */
export const TOPIC_SCHEMAS = {
  [TOPICS.links]: LinkSubmittedV1,
  [TOPICS.videos]: VideoExtractedV1,
  [TOPICS.chatChunks]: ChatChunkV1,
  [TOPICS.audioSegments]: AudioSegmentV1,
  [TOPICS.jobEvents]: JobEventV1,
} as const
