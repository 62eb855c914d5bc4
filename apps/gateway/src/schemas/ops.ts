import { GROUPS, JobView, VideoKeySchema } from '@vodscope/contracts'
import Type, { type Static } from 'typebox'

/** A pipeline consumer group by its deployment-independent name; the gateway adds its topic prefix. */
export const GroupName = Type.Enum(Object.values(GROUPS), {
  description: 'A pipeline consumer group, without the deployment topic prefix.',
})

export const DEAD_LETTER_LIMIT = { max: 1_000, fallback: 100 } as const
export const JOBS_LIMIT = { max: 200, fallback: 50 } as const

/**
 * A count in a query string. The gateway's Ajv does not coerce types (a body's "5" is not 5), so query
 * numbers are digit strings, parsed by the route.
 */
function QueryCount(max: number, fallback: number) {
  return Type.String({
    pattern: '^[1-9][0-9]{0,3}$',
    description: `1–${max} (larger values are capped); default ${fallback}.`,
  })
}

/** A query count the schema has already checked the shape of, capped at `max`. */
export function readCount(raw: string | undefined, max: number, fallback: number): number {
  return raw === undefined ? fallback : Math.min(Number(raw), max)
}

const Offset = Type.String({ pattern: '^-?[0-9]+$', description: 'A Kafka offset (int64 as a string).' })

export const TopicsResponse = Type.Object({
  topics: Type.Array(
    Type.Object({
      topic: Type.String(),
      partitions: Type.Array(Type.Object({ partition: Type.Integer({ minimum: 0 }), endOffset: Offset })),
      /** Sum of end offsets minus start offsets: records currently kept. */
      messages: Type.Integer({ minimum: 0 }),
    }),
  ),
})
export type TopicsResponse = Static<typeof TopicsResponse>

export const GroupsResponse = Type.Object({
  groups: Type.Array(
    Type.Object({
      group: GroupName,
      groupId: Type.String({ description: 'The Kafka group id (with the deployment prefix).' }),
      state: Type.String({ description: 'Kafka group state: Stable, Empty, PreparingRebalance, Dead…' }),
      members: Type.Integer({ minimum: 0 }),
      totalLag: Type.Integer({ minimum: 0 }),
      partitions: Type.Array(
        Type.Object({
          topic: Type.String(),
          partition: Type.Integer({ minimum: 0 }),
          endOffset: Offset,
          /** `null` while the group has committed nothing on this partition. */
          committedOffset: Type.Union([Offset, Type.Null()]),
          lag: Type.Integer({ minimum: 0 }),
        }),
      ),
    }),
  ),
})
export type GroupsResponse = Static<typeof GroupsResponse>

export const DeadLettersQuery = Type.Object(
  {
    group: Type.Optional(GroupName),
    limit: Type.Optional(QueryCount(DEAD_LETTER_LIMIT.max, DEAD_LETTER_LIMIT.fallback)),
  },
  { additionalProperties: false },
)
export type DeadLettersQuery = Static<typeof DeadLettersQuery>

export const DeadLetterView = Type.Object({
  id: Type.String({ description: '`partition:offset` in the dead-letter topic; what a replay selects.' }),
  group: GroupName,
  at: Type.String({ format: 'date-time' }),
  key: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  original: Type.Union([
    Type.Object({ topic: Type.String(), partition: Type.Integer({ minimum: 0 }), offset: Offset }),
    Type.Null(),
  ]),
})
export type DeadLetterView = Static<typeof DeadLetterView>

export const DeadLettersResponse = Type.Object({
  deadLetters: Type.Array(DeadLetterView),
  /** Pending dead letters before `limit` applied. */
  total: Type.Integer({ minimum: 0 }),
})
export type DeadLettersResponse = Static<typeof DeadLettersResponse>

/** Closed: a misspelt `all` must not turn a selective replay into a replay of nothing (or everything). */
export const ReplayBody = Type.Union([
  Type.Object(
    {
      group: GroupName,
      ids: Type.Array(Type.String({ pattern: '^[0-9]+:[0-9]+$' }), { minItems: 1, maxItems: 1_000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ group: GroupName, all: Type.Literal(true) }, { additionalProperties: false }),
])
export type ReplayBody = Static<typeof ReplayBody>

export const ReplayResponse = Type.Object({
  replayed: Type.Integer({ minimum: 0 }),
  replayedIds: Type.Array(Type.String()),
  /** Requested ids that are not pending dead letters (unknown, or replayed already). */
  missing: Type.Array(Type.String()),
})
export type ReplayResponse = Static<typeof ReplayResponse>

export const TimelineResponse = Type.Object({
  videoKey: VideoKeySchema,
  durationSec: Type.Number({ minimum: 0 }),
  bucketSec: Type.Integer({ minimum: 1, description: 'Seconds per point; grows with the VOD length.' }),
  /** Loudness (LUFS) of each bucket; `null` where no audio was measured. */
  loudness: Type.Array(Type.Union([Type.Number(), Type.Null()])),
  /** Chat messages per minute in each bucket. */
  chatPerMin: Type.Array(Type.Number({ minimum: 0 })),
})
export type TimelineResponse = Static<typeof TimelineResponse>

export const JobsListQuery = Type.Object(
  { limit: Type.Optional(QueryCount(JOBS_LIMIT.max, JOBS_LIMIT.fallback)) },
  { additionalProperties: false },
)

export const JobsListResponse = Type.Object({ jobs: Type.Array(JobView) })
export type JobsListResponse = Static<typeof JobsListResponse>
