import autocannon from 'autocannon'

export interface LoadOptions {
  url: string
  /** Links per request. */
  linksPerRequest: number
  connections: number
  /** Requests per second over all connections; undefined sends as fast as responses come back. */
  rate?: number
  /** Seconds; ignored when `amount` is set. */
  duration?: number
  amount?: number
}

export interface LoadResult {
  sent: number
  accepted: number
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number
  avgMs: number
  p99Ms: number
  /** Answers by status code, e.g. `{ "202": 498, "503": 2 }`. */
  statuses: Record<string, number>
  /** Accepted requests per second over the run. */
  acceptedPerSec: number
  seconds: number
}

/**
 * Twitch video ids never repeat within a run, so every link is a new video and is produced. Each run
 * has its own database, so ids from earlier runs do not count as known videos.
 */
let nextVideoId = 1_000_000

export function freshLinks(n: number): string[] {
  return Array.from({ length: n }, () => `https://www.twitch.tv/videos/${nextVideoId++}`)
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: `${options.url}/v1/links`,
    connections: options.connections,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    ...(options.amount === undefined ? { duration: options.duration ?? 10 } : { amount: options.amount }),
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ links: freshLinks(options.linksPerRequest) }),
        }),
      },
    ],
  })
  const accepted = result.statusCodeStats?.['202']?.count ?? 0
  const seconds = result.duration
  return {
    sent: result.requests.sent,
    accepted,
    errors: result.non2xx + result.errors + result.timeouts,
    avgMs: result.latency.average,
    p99Ms: result.latency.p99,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
    ),
    acceptedPerSec: accepted / seconds,
    seconds,
  }
}
