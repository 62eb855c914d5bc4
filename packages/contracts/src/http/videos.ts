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

/** The evidence behind a score, in units a person reads: how much louder, how much busier. */
export const HighlightEvidence = Type.Object({
  /** The moment's loudness over the stream's usual level there (5-minute median), dB, smoothed over 5 s. */
  loudnessDb: Type.Number(),
  /** Chat messages per minute inside the highlight's window, once chat is fused in. */
  chatPerMin: Type.Optional(Type.Number({ minimum: 0 })),
  /** The VOD's median chat messages per minute: what "usual" means for this stream's chat. */
  usualChatPerMin: Type.Optional(Type.Number({ minimum: 0 })),
})
export type HighlightEvidence = Static<typeof HighlightEvidence>

export const Highlight = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  startSec: Seconds,
  endSec: Seconds,
  peakSec: Seconds,
  /**
   * Fused score in [0, 1): z / (z + 6), z = 0.6 × audio + 0.4 × chat deviations over the stream's
   * usual level, in robust standard deviations. Monotone in the evidence and the same map for every
   * VOD: 0.5 is 6 deviations, 0.75 is 18.
   */
  score: Type.Number(),
  /** The normalised signals at the peak that produced the score. */
  signals: Type.Object({ audio: Type.Optional(Type.Number()), chat: Type.Optional(Type.Number()) }),
  /** Present once chat is fused in (the chat stage done). */
  chat: Type.Optional(HighlightChat),
  /** Rankings stored before evidence was recorded have none. */
  evidence: Type.Optional(HighlightEvidence),
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
