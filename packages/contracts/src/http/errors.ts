import Type, { type Static } from 'typebox'

/** Every HTTP error body. `code` comes from the gateway's error catalogue and never changes meaning. */
export const ErrorBody = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorBody' },
)
export type ErrorBody = Static<typeof ErrorBody>
