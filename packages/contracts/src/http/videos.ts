import Type, { type Static } from 'typebox'
import { IsoTime, PlatformSchema, Seconds, VideoKeySchema } from '../messages/common.js'
import { VideoPart } from '../messages/video-extracted.v1.js'

const Counted = Type.Object({ text: Type.String({ maxLength: 50 }), count: Type.Integer({ minimum: 1 }) })

/** What chat said inside a highlight's window: why the moment was picked, in viewers' words. */
export const HighlightChat = Type.Object({
  messages: Type.Integer({ minimum: 0 }),
  /** Most used words, each counted once per message; laughs such as ㅋㅋㅋ in one spelling. */
  topTokens: Type.Array(Counted, { maxItems: 20 }),
  /** Most used Twitch emotes (from message fragments), each counted once per message. */
  topEmotes: Type.Array(Counted, { maxItems: 20 }),
  /** SOOP balloons and Super Chats in the window: how many, and the total amount. */
  donations: Type.Optional(
    Type.Object({ count: Type.Integer({ minimum: 1 }), total: Type.Number({ minimum: 0 }) }),
  ),
})
export type HighlightChat = Static<typeof HighlightChat>

export const Highlight = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  startSec: Seconds,
  endSec: Seconds,
  peakSec: Seconds,
  /** Fused, normalised score in [0, 1]. */
  score: Type.Number(),
  /** The normalised signals at the peak that produced the score. */
  signals: Type.Object({ audio: Type.Optional(Type.Number()), chat: Type.Optional(Type.Number()) }),
  /** Present once chat is fused in (the chat stage done). */
  chat: Type.Optional(HighlightChat),
  /** Deep link that opens the VOD at `startSec`. */
  url: Type.String(),
})
export type Highlight = Static<typeof Highlight>

export const ChatSummary = Type.Object({
  status: Type.String(),
  messageCount: Type.Integer({ minimum: 0 }),
  uniqueChatters: Type.Optional(Type.Integer({ minimum: 0 })),
  peakRatePerMin: Type.Optional(Type.Number()),
  reason: Type.Optional(Type.String()),
})

export const AudioSummary = Type.Object({
  status: Type.String(),
  analysedSec: Type.Number({ minimum: 0 }),
  meanDb: Type.Optional(Type.Number()),
  peakDb: Type.Optional(Type.Number()),
  reason: Type.Optional(Type.String()),
})

/** `GET /v1/videos/:videoKey`. */
export const VideoView = Type.Object({
  videoKey: VideoKeySchema,
  platform: PlatformSchema,
  videoId: Type.String(),
  url: Type.String(),
  title: Type.String(),
  durationSec: Seconds,
  channel: Type.Object({ id: Type.String(), name: Type.String() }),
  publishedAt: Type.Union([IsoTime, Type.Null()]),
  viewCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
  parts: Type.Array(VideoPart),
  chat: Type.Union([ChatSummary, Type.Null()]),
  audio: Type.Union([AudioSummary, Type.Null()]),
  highlights: Type.Array(Highlight),
})
export type VideoView = Static<typeof VideoView>

export const HighlightsResponse = Type.Object({ videoKey: VideoKeySchema, highlights: Type.Array(Highlight) })
export type HighlightsResponse = Static<typeof HighlightsResponse>

export const VideoParams = Type.Object({ videoKey: VideoKeySchema }, { additionalProperties: false })
export type VideoParams = Static<typeof VideoParams>
