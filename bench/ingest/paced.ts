import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'
import { freshLinks, type LoadResult } from './load.js'

export interface PacedOptions {
  url: string
  /** Requests per second, evenly spaced: request i is due at t0 + i / rate. */
  rate: number
  /** Requests in all. */
  amount: number
  /** Open connections; a request due while all are busy waits for one, and that wait counts. */
  connections: number
  linksPerRequest?: number
  /** Per-request timeout, ms. */
  timeoutMs?: number
}

/**
 * An open-loop load generator: requests go out on a fixed schedule whether or not earlier ones were
 * answered, and each latency is measured from the moment the request was due, not from when it was
 * sent, so a stall in the server (or a full connection pool) shows in the figures instead of being
 * hidden by a generator that waits ("coordinated omission"). autocannon's `overallRate` does not
 * pace: it gives each connection a per-second quota refilled by a 1 s interval, so N connections at
 * N req/s send a burst of N requests once per second (autocannon lib/httpClient.js). That burst is
 * measured separately, by `load`.
 */
export async function paced(options: PacedOptions): Promise<LoadResult> {
  const linksPerRequest = options.linksPerRequest ?? 1
  const timeoutMs = options.timeoutMs ?? 10_000
  const pool = new Pool(options.url, { connections: options.connections, pipelining: 1 })
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let errors = 0
  let sent = 0
  const inFlight = new Set<Promise<void>>()
  const intervalMs = 1000 / options.rate
  const t0 = performance.now()

  const fire = (due: number) => {
    const body = JSON.stringify({ links: freshLinks(linksPerRequest) })
    const request = pool
      .request({
        path: '/v1/links',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      .then(async (response) => {
        await response.body.dump()
        latencies.push(performance.now() - due)
        const code = String(response.statusCode)
        statuses[code] = (statuses[code] ?? 0) + 1
        if (response.statusCode < 200 || response.statusCode >= 300) errors++
      })
      .catch(() => {
        errors++
      })
      .finally(() => inFlight.delete(request))
    inFlight.add(request)
  }

  try {
    while (sent < options.amount) {
      const now = performance.now()
      // Every request due by now goes out, in order, each with its own due time.
      while (sent < options.amount && t0 + sent * intervalMs <= now) {
        fire(t0 + sent * intervalMs)
        sent++
      }
      const next = t0 + sent * intervalMs - performance.now()
      if (next > 1) await sleep(Math.min(next, 50))
      else await new Promise<void>((resolve) => setImmediate(resolve))
    }
    await Promise.all(inFlight)
  } finally {
    await pool.close()
  }

  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  const accepted = statuses['202'] ?? 0
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0
  return {
    sent,
    accepted,
    errors,
    avgMs: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0,
    p99Ms: at(0.99),
    statuses,
    acceptedPerSec: accepted / seconds,
    seconds,
  }
}
