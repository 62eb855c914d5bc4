import { createRng, type Rng } from '../model/rng.js'
import type { FaultKind, FaultRule, RuntimeConfig } from './config.js'

export interface Fault {
  kind: FaultKind
  retryAfterSec: number
  status: number
}

/** Decides per request whether a configured fault fires. Seeded, so a benchmark run can be repeated. */
export class FaultInjector {
  readonly #rng: Rng
  /** Remaining firings of `times` rules; reset whenever the rules are replaced. */
  #remaining = new Map<FaultRule, number>()

  constructor(seed: number) {
    this.#rng = createRng(seed, 'faults')
  }

  reset(rules: FaultRule[]): void {
    this.#remaining = new Map(rules.filter((r) => r.times !== undefined).map((r) => [r, r.times ?? 0]))
  }

  /** In-band faults only fire where the endpoint can express them (Twitch GQL, YouTube's player API). */
  decide(endpoint: string, config: RuntimeConfig): Fault | undefined {
    for (const rule of config.faults) {
      if (rule.match !== undefined && !matchesPrefix(endpoint, rule.match)) continue
      if (rule.kind === 'gql-error' && !endpoint.startsWith('twitch.gql')) continue
      if (rule.kind === 'gql-null' && endpoint !== 'twitch.gql.comments') continue
      if (rule.kind.startsWith('youtube-') && endpoint !== 'youtube.player-api') continue
      if (!this.#fires(rule)) continue
      return {
        kind: rule.kind,
        retryAfterSec: rule.retryAfterSec ?? config.retryAfterSec,
        status: rule.status ?? 503,
      }
    }
    return undefined
  }

  #fires(rule: FaultRule): boolean {
    if (rule.times !== undefined) {
      const left = this.#remaining.get(rule) ?? 0
      if (left <= 0) return false
      this.#remaining.set(rule, left - 1)
      return rule.rate === undefined || this.#rng.next() < rule.rate
    }
    return rule.rate === undefined || this.#rng.next() < rule.rate
  }
}

/** `twitch.gql` matches `twitch.gql` and `twitch.gql.comments`, not `twitch.gqlx`. */
export function matchesPrefix(endpoint: string, prefix: string): boolean {
  return endpoint === prefix || endpoint.startsWith(`${prefix}.`)
}

export function latencyFor(endpoint: string, config: RuntimeConfig, rng: () => number): number {
  let best: string | undefined
  for (const prefix of Object.keys(config.endpointLatencyMs)) {
    if (matchesPrefix(endpoint, prefix) && (best === undefined || prefix.length > best.length)) best = prefix
  }
  const base = best === undefined ? config.latencyMs : (config.endpointLatencyMs[best] ?? 0)
  return base + (config.latencyJitterMs > 0 ? rng() * config.latencyJitterMs : 0)
}
