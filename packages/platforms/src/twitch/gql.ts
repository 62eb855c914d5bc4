import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import { parseJson } from '../http/json.js'

export interface GqlResponse<T> {
  data?: T | null
  errors?: Array<{ message?: string }>
  extensions?: { challenge?: { type?: string }; [key: string]: unknown }
}

/** Twitch reports overload inside HTTP 200s; these messages mean "try again", anything else does not. */
const TRANSIENT = /service (error|timeout|unavailable)|timeout|internal/i

/**
 * One GQL operation. `read` turns the body into a value or throws; it runs inside the HTTP retry loop,
 * so an in-band transient error (`errors` plus a null field) is retried like a 5xx.
 */
export function gql<T, R>(
  http: HttpClient,
  operation: object,
  read: (body: GqlResponse<T>) => R,
  clientId: string = http.config.twitchClientId,
): Promise<R> {
  return http.request(
    {
      upstream: 'twitchGql',
      path: '/gql',
      method: 'POST',
      headers: { 'client-id': clientId, 'content-type': 'application/json' },
      body: JSON.stringify(operation),
      platform: 'twitch',
    },
    (response) => {
      if (response.status >= 300)
        throw new PlatformError('PLATFORM_REDIRECTED', `twitch gql answered ${response.status}.`, {
          platform: 'twitch',
          status: response.status,
        })
      return read(parseJson<GqlResponse<T>>(response.text))
    },
  )
}

/** Throws for in-band errors: transient ones retryable, others (bad query, unknown hash) not. */
export function throwInBand(body: GqlResponse<unknown>, what: string): void {
  const message = body.errors?.map((e) => e.message ?? '').join('; ')
  if (message === undefined || message === '') return
  if (TRANSIENT.test(message))
    throw new PlatformError('PLATFORM_TRANSIENT', `Twitch ${what}: ${message}.`, { platform: 'twitch' })
  throw new PlatformError('PLATFORM_BAD_RESPONSE', `Twitch ${what}: ${message}.`, { platform: 'twitch' })
}
