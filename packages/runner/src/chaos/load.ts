import type { SubmitLinksResponse } from '@vodscope/contracts'

export interface AcceptedJob {
  jobId: string
  videoKey: string
  link: string
}

export interface LoadResult {
  submitted: number
  accepted: AcceptedJob[]
  /** Count per HTTP status; `error` for requests that got no answer at all. */
  statuses: Record<string, number>
  /** Milliseconds per request, answered or not. */
  latencies: number[]
}

const REQUEST_TIMEOUT_MS = 30_000 // a gateway that hangs longer than this counts as an error, not a wait

/**
 * Submits one link per request at `ratePerSec`, the way many independent users would, and records
 * every answer. Non-202 answers are recorded, not retried: the scenarios count what the gateway
 * accepted, and only that must be processed.
 */
export async function submitLinks(
  gateway: string,
  links: readonly string[],
  ratePerSec: number,
): Promise<LoadResult> {
  const result: LoadResult = { submitted: links.length, accepted: [], statuses: {}, latencies: [] }
  const started = Date.now()
  const requests: Promise<void>[] = []
  for (const [i, link] of links.entries()) {
    const due = started + (i * 1_000) / ratePerSec
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())))
    requests.push(submitOne(gateway, link, result))
  }
  await Promise.all(requests)
  return result
}

async function submitOne(gateway: string, link: string, into: LoadResult): Promise<void> {
  const t0 = performance.now()
  let status = 'error'
  try {
    const res = await fetch(`${gateway}/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ links: [link] }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    status = String(res.status)
    const body = (await res.json()) as SubmitLinksResponse
    if (res.status === 202) {
      for (const r of body.results) {
        if (r.status === 'accepted') into.accepted.push({ jobId: r.jobId, videoKey: r.videoKey, link })
      }
    }
  } catch {
    // Counted under `error` below.
  }
  into.latencies.push(performance.now() - t0)
  into.statuses[status] = (into.statuses[status] ?? 0) + 1
}
