import {
  type BypassProbe,
  bypassProbes,
  CHAOS_ALLOWED_HOST,
  CHAOS_API_KEY,
  probeAsRaw,
} from '../bypass-probes.js'
import { withPipeline } from '../harness.js'
import { generatedRequests, type HostileRequest, handWrittenRequests } from '../hostile-requests.js'
import { type ChaosResult, median } from '../result.js'
import { type HostileAnswer, sendHostile } from '../send-hostile.js'
import type { ChaosSizes } from '../sizes.js'

const CONCURRENCY = 8
const RSS_GROWTH_LIMIT_MB = 50

export interface HostileDetail {
  requests: number
  /** 5xx answers and answers that never came, by request name. */
  failures: string[]
  /** Probes answered with anything but the refusal they must get (a missing key, a foreign Host). */
  bypasses: string[]
  rssMb: number[]
  gatewayRestarts: number
}

/**
 * Scenario 6: hostile input against the gateway alone (workers add nothing here): requests generated
 * from its OpenAPI document plus a hand-written list, sent `hostileRounds` times. Passes when no answer is a
 * 5xx or missing, no bypass probe gets through, the process never restarts, and its RSS stays flat from
 * round to round. The gateway runs with an API key and an allowed Host; every request but the bypass
 * probes carries both, so validation past authentication is exercised too.
 */
export async function hostileHttpScenario(
  sizes: ChaosSizes,
): Promise<ChaosResult & { detail: HostileDetail }> {
  return withPipeline(
    {
      replicas: { gateway: 1 },
      env: {
        VODSCOPE_GATEWAY_RATE_LIMIT_PER_SEC: '0',
        VODSCOPE_GATEWAY_API_KEYS: CHAOS_API_KEY,
        VODSCOPE_GATEWAY_ALLOWED_HOSTS: CHAOS_ALLOWED_HOST,
      },
    },
    async ({ pipeline }) => {
      const spec = (await (await fetch(`${pipeline.gateway}/openapi.json`)).json()) as Parameters<
        typeof generatedRequests
      >[0]
      const requests = [...generatedRequests(spec), ...handWrittenRequests()].map(withKey)
      const probes = bypassProbes()
      const answers: HostileAnswer[] = []
      const probeAnswers: Array<HostileAnswer & { expect: number }> = []
      const rssMb: number[] = [await gatewayRssMb(pipeline.gateway)]
      for (let round = 0; round < sizes.hostileRounds; round++) {
        answers.push(...(await sendAll(pipeline.gateway, requests)))
        probeAnswers.push(...(await sendProbes(pipeline.gateway, probes)))
        rssMb.push(await gatewayRssMb(pipeline.gateway))
      }
      const failures = [
        ...new Set(
          answers
            .filter((a) => (typeof a.status === 'string' ? a.status !== 'closed' : a.status >= 500))
            // /readyz answers 503 by contract when a dependency check fails; reported, not counted.
            .filter((a) => !(a.name.startsWith('GET /readyz') && a.status === 503))
            .map((a) => `${a.name}: ${a.status}`),
        ),
      ]
      const bypasses = [
        ...new Set(
          probeAnswers
            .filter((a) => a.status !== a.expect)
            .map((a) => `${a.name}: ${a.status} (not ${a.expect})`),
        ),
      ]
      const gatewayRestarts = pipeline.lines.filter(
        (l) => l.includes('gateway#1') && l.includes('exited'),
      ).length
      // RSS swings by tens of MB with GC timing; the median of the last rounds against the end of the
      // first (warm-up) one separates a leak from that noise.
      const growth = median(rssMb.slice(-3)) - rssMb[1]!
      const statuses = new Map<string, number>()
      for (const a of answers) statuses.set(String(a.status), (statuses.get(String(a.status)) ?? 0) + 1)
      const ok =
        failures.length === 0 &&
        bypasses.length === 0 &&
        gatewayRestarts === 0 &&
        growth < RSS_GROWTH_LIMIT_MB
      return {
        scenario: '6 hostile HTTP input',
        submitted: answers.length,
        accepted: answers.filter((a) => typeof a.status === 'number' && a.status < 300).length,
        completed: 0,
        lost: 0,
        duplicates: 0,
        p99Ms: Number.NaN,
        recoverSec: undefined,
        passed: ok,
        notes: [
          `${requests.length} distinct requests × ${sizes.hostileRounds}`,
          `bypasses ${bypasses.length} of ${probes.length} probes`,
          `answers ${[...statuses].map(([s, n]) => `${n}×${s}`).join(' ')}`,
          `gateway RSS MB ${rssMb.map((m) => m.toFixed(0)).join(' → ')}`,
          `restarts ${gatewayRestarts}`,
          ...failures.slice(0, 8),
          ...bypasses.slice(0, 8),
        ],
        detail: { requests: requests.length, failures, bypasses, rssMb, gatewayRestarts },
      }
    },
  )
}

async function sendAll(base: string, requests: HostileRequest[]): Promise<HostileAnswer[]> {
  const answers: HostileAnswer[] = []
  let next = 0
  const lane = async () => {
    while (next < requests.length) answers.push(await sendHostile(base, requests[next++]!))
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
  return answers
}

/** The request with the scenario's API key (unless it sets its own) and, when raw, Host `x` kept. */
function withKey(request: HostileRequest): HostileRequest {
  if ('raw' in request) {
    return {
      ...request,
      raw: request.raw.replace('\r\nHost: x\r\n', `\r\nHost: x\r\nX-Api-Key: ${CHAOS_API_KEY}\r\n`),
    }
  }
  return { ...request, headers: { 'x-api-key': CHAOS_API_KEY, ...request.headers } }
}

async function sendProbes(base: string, probes: BypassProbe[]) {
  const answers = []
  for (const probe of probes) {
    const answer = await sendHostile(base, { name: probe.name, raw: probeAsRaw(probe) })
    answers.push({ ...answer, expect: probe.expect })
  }
  return answers
}

/** The gateway's resident memory from its own /metrics (prom-client's process collector). */
async function gatewayRssMb(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text()
  const match = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text)
  return match ? Number(match[1]) / 1024 / 1024 : Number.NaN
}
