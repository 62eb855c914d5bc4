/** One hostile request: sent through fetch, or as raw bytes when fetch would refuse to send it. */
export type HostileRequest =
  | { name: string; method: string; path: string; headers?: Record<string, string>; body?: string }
  | { name: string; raw: string }

const JSON_TYPE = { 'content-type': 'application/json' }
const links = (list: unknown) => JSON.stringify({ links: list })

/** Strings that have broken parsers, routers and databases before. */
export const HOSTILE_STRINGS = [
  '../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '%ZZ',
  "' OR '1'='1",
  '{"$gt":""}',
  '$where',
  '__proto__',
  'constructor',
  '\u202Egnp.exe',
  'ｔｗｉｔｃｈ',
  '😀'.repeat(50),
  'a'.repeat(10_000),
  'twitch:',
  `youtube:${'x'.repeat(200)}`,
]

/** Links a user could paste that must never make a worker fetch anything but the platform's API. */
const SSRF_LINKS = [
  'http://127.0.0.1:9092/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/videos/1',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'gopher://127.0.0.1:27017/_',
  'https://www.twitch.tv@evil.example/videos/770005030000001',
  'https://evil.example/www.twitch.tv/videos/770005030000001',
  'https://www.twitch.tv.evil.example/videos/770005030000001',
  'https://www.twitch.tv/videos/770005030000001/../../../admin',
  'https://www.twitch.tv/videos/770005030000001?redirect=http://127.0.0.1',
  'https://www.youtube.com/watch?v=../../../../x',
  'https://www.tw\u0456tch.tv/videos/770005030000001', // Cyrillic і
  'https://www.twitch.tv/videos/７７０００５', // full-width digits
  'https://www.twitch.tv/videos/770005030000001\u200B',
  'https://www.twitch.tv/videos/770005030000001%00',
  'https://vod.sooplive.co.kr/player/770005030000001#@127.0.0.1',
  'HTTPS://WWW.TWITCH.TV/VIDEOS/770005030000001',
  '\u0000https://www.twitch.tv/videos/1',
  ' '.repeat(2_000),
]

/** Deeply nested JSON: a recursive parser or validator would overflow its stack. */
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

export function handWrittenRequests(): HostileRequest[] {
  const post = (name: string, body: string, headers: Record<string, string> = JSON_TYPE): HostileRequest => ({
    name,
    method: 'POST',
    path: '/v1/links',
    headers,
    body,
  })
  return [
    post('malformed JSON', '{"links": ["https://www.twitch.tv/videos/1"'),
    post('trailing garbage', '{"links": []} garbage'),
    post('empty body', ''),
    post('JSON null', 'null'),
    post('JSON string', '"links"'),
    post('JSON array', '[]'),
    post('links a string', '{"links": "https://www.twitch.tv/videos/1"}'),
    post('links numbers', links([1, 2, 3])),
    post('links objects', links([{ $gt: '' }])),
    post('operator object body', '{"links": {"$gt": ""}}'),
    post(
      'force a string',
      JSON.stringify({ links: ['https://www.twitch.tv/videos/770005030000001'], force: 'true' }),
    ),
    post(
      'extra property',
      JSON.stringify({ links: ['https://www.twitch.tv/videos/770005030000001'], admin: true }),
    ),
    post('__proto__ key', '{"__proto__": {"polluted": true}, "links": ["https://www.twitch.tv/videos/1"]}'),
    post('constructor key', '{"constructor": {"prototype": {"polluted": true}}, "links": []}'),
    post(
      '10,000 links',
      links(Array.from({ length: 10_000 }, (_, i) => `https://www.twitch.tv/videos/77000503${i}`)),
    ),
    post('10,000 empty strings', links(Array.from({ length: 10_000 }, () => ''))),
    post('deep nesting 10,000', deep(10_000)),
    post('deep array nesting 100,000', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    post('duplicate keys', '{"links": [], "links": ["https://www.twitch.tv/videos/770005030000001"]}'),
    post('lone surrogates', '{"links": ["https://www.twitch.tv/videos/\\ud800\\udfff\\udc00"]}'),
    post('NUL in JSON', '{"links": ["\\u0000"]}'),
    post('number overflow', '{"links": [1e999999]}'),
    post('SSRF links', links(SSRF_LINKS)),
    ...SSRF_LINKS.map((l, i) => post(`SSRF link ${i}`, links([l]))),
    post('hostile strings as links', links(HOSTILE_STRINGS.slice(0, 100))),
    post('text/plain', links(['https://www.twitch.tv/videos/1']), { 'content-type': 'text/plain' }),
    post('form encoded', 'links=https://www.twitch.tv/videos/1', {
      'content-type': 'application/x-www-form-urlencoded',
    }),
    post('multipart', '--x\r\n\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }),
    post('no content-type', links(['https://www.twitch.tv/videos/1']), {}),
    post('bogus charset', links(['https://www.twitch.tv/videos/1']), {
      'content-type': 'application/json; charset=utf-7',
    }),
    post('huge header', links([]), { ...JSON_TYPE, 'x-junk': 'a'.repeat(60_000) }),
    post('many headers', links([]), {
      ...JSON_TYPE,
      ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x-h${i}`, 'v'])),
    }),
    post('bad api key', links([]), { ...JSON_TYPE, 'x-api-key': "' OR 1=1 --" }),
    post('bad authorization', links([]), { ...JSON_TYPE, authorization: `Bearer ${'a'.repeat(8_000)}` }),
    { name: 'PUT links', method: 'PUT', path: '/v1/links', headers: JSON_TYPE, body: links([]) },
    { name: 'DELETE job', method: 'DELETE', path: '/v1/jobs/x' },
    { name: 'OPTIONS', method: 'OPTIONS', path: '/v1/links' },
    { name: 'unknown path', method: 'GET', path: `/${'x/'.repeat(2_000)}` },
    { name: 'bad percent-encoding', method: 'GET', path: '/v1/jobs/%E0%A4%A' },
    { name: 'encoded slash', method: 'GET', path: '/v1/videos/twitch%3A..%2F..%2Fadmin' },
    { name: 'query abuse', method: 'GET', path: `/v1/jobs/x?${'a[b][c][d][e]=1&'.repeat(2_000)}` },
    raw(
      'content-length shorter than body',
      'POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1\r\nConnection: close\r\n\r\n{}',
    ),
    // A body longer than announced is left out: any HTTP server waits for the rest (up to Node's
    // requestTimeout); that is a slow client, not input this suite can judge by its answer.
    // Raw, announcing 10 MB and sending the first 64 KiB: the gateway answers 413 from the header and
    // closes, and a client still uploading would only see the reset (as fetch does), not the status.
    raw(
      'huge body (10 MB announced)',
      `POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\nConnection: close\r\n\r\n${'['.repeat(64 * 1024)}`,
    ),
    raw(
      'huge chunked body (10 MB)',
      `POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${`10000\r\n${'['.repeat(0x10000)}\r\n`.repeat(160)}0\r\n\r\n`,
    ),
    raw(
      'negative content-length',
      'POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n',
    ),
    raw(
      'CL + TE smuggling',
      'POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\nGET /v1/jobs/x HTTP/1.1\r\n\r\n',
    ),
    raw(
      'bad chunk size',
      'POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    ),
    raw(
      'duplicate content-type',
      'POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    ),
    raw(
      'header without colon',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nbroken header\r\nConnection: close\r\n\r\n',
    ),
    raw('NUL in header', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n'),
    raw('HTTP/0.9', 'GET /\r\n\r\n'),
    raw('HTTP/9.9', 'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n'),
    raw('garbage request line', '\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n'),
  ]
}

function raw(name: string, text: string): HostileRequest {
  return { name, raw: text }
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string }>
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
}

/**
 * Requests generated from the gateway's own OpenAPI document: every operation with every hostile
 * string in each path and query parameter, and, for operations with a JSON body, each property set
 * to a value of every wrong type.
 */
export function generatedRequests(spec: {
  paths?: Record<string, Record<string, OpenApiOperation>>
}): HostileRequest[] {
  const out: HostileRequest[] = []
  const wrongValues: unknown[] = [
    null,
    0,
    -1,
    1e308,
    true,
    'x',
    [],
    {},
    { $gt: '' },
    { $where: 'sleep(1)' },
    ['x'.repeat(5_000)],
  ]
  for (const [path, operations] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(operations)) {
      const params = op.parameters ?? []
      for (const value of HOSTILE_STRINGS) {
        let url = path
        const query: string[] = []
        for (const p of params) {
          if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value))
          if (p.in === 'query') query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`)
        }
        url = url.replace(/\{[^}]+\}/g, encodeURIComponent(value))
        out.push({
          name: `${method.toUpperCase()} ${path} ← ${value.slice(0, 20)}`,
          method: method.toUpperCase(),
          path: query.length > 0 ? `${url}?${query.join('&')}` : url,
          ...(method === 'post' ? { headers: JSON_TYPE, body: '{}' } : {}),
        })
      }
      const properties = op.requestBody?.content?.['application/json']?.schema?.properties
      if (method !== 'post' || properties === undefined) continue
      for (const property of Object.keys(properties)) {
        for (const value of wrongValues) {
          out.push({
            name: `POST ${path} ${property}=${JSON.stringify(value).slice(0, 20)}`,
            method: 'POST',
            path,
            headers: JSON_TYPE,
            body: JSON.stringify({
              links: ['https://www.twitch.tv/videos/770005030000001'],
              [property]: value,
            }),
          })
        }
      }
    }
  }
  return out
}
