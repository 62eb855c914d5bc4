/**
 * Requests the gateway must refuse, with the status it must refuse them with: anything else is a
 * bypass. The hostile scenario runs the gateway with `CHAOS_API_KEY` and `VODSCOPE_GATEWAY_ALLOWED_HOSTS=x` (the Host
 * the raw requests send); the gateway's unit tests run the same list through `app.inject`.
 */
export const CHAOS_API_KEY = 'chaos-hostile-key-0123456789'
export const CHAOS_ALLOWED_HOST = 'x'

export interface BypassProbe {
  name: string
  method: string
  path: string
  headers: Record<string, string>
  body?: string
  /** The only acceptable answer. */
  expect: number
}

const JSON_TYPE = { 'content-type': 'application/json' }
const LINKS = JSON.stringify({ links: ['https://www.twitch.tv/videos/770005030000001'] })
const REPLAY = JSON.stringify({ group: 'extractor', all: true })

export function bypassProbes(): BypassProbe[] {
  const host = { host: CHAOS_ALLOWED_HOST }
  const keyed = { ...host, 'x-api-key': CHAOS_API_KEY }
  const noKey = (name: string, method: string, path: string, body?: string): BypassProbe => ({
    name: `no key: ${name}`,
    method,
    path,
    headers: body === undefined ? host : { ...host, ...JSON_TYPE },
    ...(body === undefined ? {} : { body }),
    expect: 401,
  })
  const rebound = (name: string, hostHeader: string, method: string, path: string, body?: string) => ({
    name: `foreign Host: ${name}`,
    method,
    path,
    headers: { ...keyed, host: hostHeader, ...(body === undefined ? {} : JSON_TYPE) },
    ...(body === undefined ? {} : { body }),
    expect: 403,
  })
  return [
    noKey('/v1/links', 'POST', '/v1/links', LINKS),
    noKey('/%761/links', 'POST', '/%761/links', LINKS),
    noKey('/%76%31/links', 'POST', '/%76%31/links', LINKS),
    noKey('/%761/jobs/x', 'GET', '/%761/jobs/x'),
    noKey('/%76%31/ops/dead-letters', 'GET', '/%76%31/ops/dead-letters'),
    noKey('/%761/ops/dead-letters/replay', 'POST', '/%761/ops/dead-letters/replay', REPLAY),
    noKey('/v1/ops/dead-letters/replay', 'POST', '/v1/ops/dead-letters/replay', REPLAY),
    noKey('/v1/jobs/x/events', 'GET', '/v1/jobs/x/events'),
    noKey('/%761/jobs/x/events', 'GET', '/%761/jobs/x/events'),
    noKey('empty key', 'GET', '/v1/ops/topics'),
    { ...noKey('empty bearer', 'GET', '/v1/ops/groups'), headers: { ...host, authorization: 'Bearer ' } },
    rebound('rebinding name', 'attacker.example', 'POST', '/v1/links', LINKS),
    rebound(
      'rebinding name with port',
      'attacker.example:3000',
      'POST',
      '/v1/ops/dead-letters/replay',
      REPLAY,
    ),
    rebound('localhost as a subdomain', 'localhost.attacker.example', 'GET', '/v1/ops/dead-letters'),
    rebound('allowed name as a prefix', `${CHAOS_ALLOWED_HOST}.attacker.example`, 'GET', '/v1/jobs/x'),
    rebound('dashboard', 'attacker.example', 'GET', '/ops'),
  ]
}

/** A probe as the bytes of an HTTP/1.1 request: fetch refuses to send a `Host` of the caller's choosing. */
export function probeAsRaw(probe: BypassProbe): string {
  const body = probe.body ?? ''
  const headers = { ...probe.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return `${probe.method} ${probe.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`
}
