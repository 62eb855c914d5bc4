import Type, { type Static } from 'typebox'
import { TOPICS } from '../topics.js'
import { envelope, LIMITS, rangeOf, Seconds } from './common.js'

/**
 * One time range of a VOD's audio for one segment worker to decode. Key: `videoKey:segmentIndex`.
 * `startSec`/`endSec` are VOD time; `source` is the media the planner resolved from the platform
 * (never a user-supplied URL) and where in that media the segment begins.
 */
export const AudioSegmentV1 = Type.Object(
  {
    ...envelope,
    segmentIndex: Type.Integer({ minimum: 0, maximum: LIMITS.maxPieces - 1 }),
    segmentCount: Type.Integer({ minimum: 1, maximum: LIMITS.maxPieces }),
    startSec: Seconds,
    endSec: Seconds,
    source: Type.Object({
      kind: Type.Union([Type.Literal('hls'), Type.Literal('file')]),
      url: Type.String({ minLength: 1, maxLength: 4096 }),
      offsetSec: Seconds,
    }),
  },
  rangeOf(LIMITS.maxSegmentSec),
)
export type AudioSegmentV1 = Static<typeof AudioSegmentV1>
export const AUDIO_SEGMENT_V1_TOPIC = TOPICS.audioSegments
