import type { GqlResult } from './comments.js'

/** The public web player's Client-ID. */
export const WEB_CLIENT_ID = 'kimne78kx3ncx6brgo4mv6wki5h1ko'

/**
 * PlaybackAccessToken persisted-query hashes. `0828119d…` was retired around Nov 2025 and answers
 * `PersistedQueryNotFound` (streamlink issue 6719); `ed230aa1…` is the one streamlink sends today
 * (plugins/twitch.py, read 2026-12). Query text is always accepted.
 */
export const TOKEN_HASHES = {
  retired: ['0828119ded1c13477966434e15800ff57ddacf13ba1911c129dc2200705b0712'],
  current: ['ed230aa1e33e07eebb8928504583da78a5173989fadfb1ac94be06a04f3cdbe9'],
} as const satisfies Record<string, readonly string[]>

/** In-band GQL faults: `gql-error` (errors + null field) and `gql-null` (`comments: null`, no error). */
export type GqlFaultKind = 'gql-error' | 'gql-null'

/**
 * What a cursor page sent with the web Client-ID gets since 2023 (upstreams.md 2026-12). A channel's
 * clip listing gets it too: TwitchDownloader moved GetGqlClips to the Android Client-ID in the same
 * change as the comment pages ("less hacky workaround", 2023-05, TwitchHelper.cs).
 */
export function integrityRefusal(path: [string, string] = ['video', 'comments']): GqlResult {
  return {
    data: { [path[0]]: null },
    errors: [{ message: 'failed integrity check', path }],
    extensions: { challenge: { type: 'integrity' } },
  }
}
