/** Requests and concurrency as the simulator saw them: what politeness and completeness tests assert. */
export interface CountersSnapshot {
  since: string
  /** Requests received per endpoint (faulted ones included). */
  requests: Record<string, number>
  /** Injected faults per `endpoint kind`. */
  faults: Record<string, number>
  inFlight: { byHost: Record<string, number>; byEndpoint: Record<string, number> }
  maxInFlight: { total: number; byHost: Record<string, number>; byEndpoint: Record<string, number> }
}

export class Counters {
  #since = new Date()
  #requests = new Map<string, number>()
  #faults = new Map<string, number>()
  #total = 0
  #maxTotal = 0
  readonly #hosts = new Gauge()
  readonly #endpoints = new Gauge()

  /** Tracks one request to `host`; call the returned function exactly once when it ends. */
  enterHost(host: string): () => void {
    this.#total++
    this.#maxTotal = Math.max(this.#maxTotal, this.#total)
    const leave = this.#hosts.enter(host)
    return () => {
      this.#total--
      leave()
    }
  }

  enterEndpoint(endpoint: string): () => void {
    this.#requests.set(endpoint, (this.#requests.get(endpoint) ?? 0) + 1)
    return this.#endpoints.enter(endpoint)
  }

  fault(endpoint: string, kind: string): void {
    const key = `${endpoint} ${kind}`
    this.#faults.set(key, (this.#faults.get(key) ?? 0) + 1)
  }

  /** Zeroes counts and maxima; requests still in flight stay tracked. */
  reset(): void {
    this.#since = new Date()
    this.#requests.clear()
    this.#faults.clear()
    this.#maxTotal = this.#total
    this.#hosts.resetMax()
    this.#endpoints.resetMax()
  }

  snapshot(): CountersSnapshot {
    return {
      since: this.#since.toISOString(),
      requests: Object.fromEntries(this.#requests),
      faults: Object.fromEntries(this.#faults),
      inFlight: { byHost: this.#hosts.current(), byEndpoint: this.#endpoints.current() },
      maxInFlight: { total: this.#maxTotal, byHost: this.#hosts.max(), byEndpoint: this.#endpoints.max() },
    }
  }
}

class Gauge {
  readonly #now = new Map<string, number>()
  readonly #max = new Map<string, number>()

  enter(key: string): () => void {
    const value = (this.#now.get(key) ?? 0) + 1
    this.#now.set(key, value)
    if (value > (this.#max.get(key) ?? 0)) this.#max.set(key, value)
    return () => this.#now.set(key, (this.#now.get(key) ?? 1) - 1)
  }

  resetMax(): void {
    this.#max.clear()
    for (const [key, value] of this.#now) if (value > 0) this.#max.set(key, value)
  }

  current(): Record<string, number> {
    return Object.fromEntries([...this.#now].filter(([, v]) => v > 0))
  }

  max(): Record<string, number> {
    return Object.fromEntries(this.#max)
  }
}
