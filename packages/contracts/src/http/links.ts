import Type, { type Static } from 'typebox'
import { JobId, PlatformSchema, VideoKeySchema } from '../messages/common.js'
import { LINK_REJECTIONS, type LinkRejectionReason, MAX_LINK_LENGTH } from '../parse-video-url.js'

export const MAX_LINKS_PER_REQUEST = 100

/** `POST /v1/links`. Closed: an unknown field is a client mistake and is rejected, not stripped. */
export const SubmitLinksBody = Type.Object(
  {
    links: Type.Array(Type.String({ maxLength: MAX_LINK_LENGTH }), {
      minItems: 1,
      maxItems: MAX_LINKS_PER_REQUEST,
    }),
    force: Type.Optional(
      Type.Boolean({ description: 'Process again even if the video was already finished.' }),
    ),
  },
  { additionalProperties: false },
)
export type SubmitLinksBody = Static<typeof SubmitLinksBody>

export const AcceptedLink = Type.Object({
  link: Type.String(),
  status: Type.Literal('accepted'),
  jobId: JobId,
  videoKey: VideoKeySchema,
  platform: PlatformSchema,
  /** False when the video already had a job: the existing job id is returned and nothing is re-queued. */
  created: Type.Boolean(),
})
export type AcceptedLink = Static<typeof AcceptedLink>

export const RejectedLink = Type.Object({
  link: Type.String(),
  status: Type.Literal('rejected'),
  reason: Type.Enum(Object.keys(LINK_REJECTIONS) as LinkRejectionReason[]),
  message: Type.String(),
})
export type RejectedLink = Static<typeof RejectedLink>

export const SubmitLinksResponse = Type.Object({
  results: Type.Array(Type.Union([AcceptedLink, RejectedLink])),
  accepted: Type.Integer({ minimum: 0 }),
  rejected: Type.Integer({ minimum: 0 }),
})
export type SubmitLinksResponse = Static<typeof SubmitLinksResponse>
