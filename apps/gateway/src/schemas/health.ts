import Type, { type Static } from 'typebox'

/** Gateway-only schemas: probes are not part of the pipeline's contracts. */
export const Liveness = Type.Object({ status: Type.Literal('ok') })

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) })

export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Object({ kafka: Check, mongo: Check }),
})
export type Readiness = Static<typeof Readiness>
