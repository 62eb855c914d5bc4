import type { FastifyRequest } from 'fastify'
import type { Fault } from './control/faults.js'

/** Which upstream a route imitates: what counters, latency and faults are keyed by. */
export interface SimRoute {
  /** The real host this route stands in for, e.g. `gql.twitch.tv`. */
  host: string
  /** A dotted endpoint name such as `twitch.gql.comments`; GQL decides it from the parsed body. */
  endpoint: string | ((request: FastifyRequest) => string)
}

declare module 'fastify' {
  interface FastifyContextConfig {
    sim?: SimRoute
  }
  interface FastifyRequest {
    /** An in-band fault the handler must express in its own response shape (Twitch GQL errors, YouTube refusals). */
    simFault?: Fault
  }
}
