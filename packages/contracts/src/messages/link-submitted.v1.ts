import Type, { type Static } from 'typebox'
import { TOPICS } from '../topics.js'
import { envelope, IsoTime } from './common.js'

/** A link the gateway accepted. Key: videoKey. Consumed by the extractor. */
export const LinkSubmittedV1 = Type.Object({
  ...envelope,
  submittedAt: IsoTime,
  /** Re-process the video even if an earlier job finished it. */
  force: Type.Boolean(),
})
export type LinkSubmittedV1 = Static<typeof LinkSubmittedV1>
export const LINK_SUBMITTED_V1_TOPIC = TOPICS.links
