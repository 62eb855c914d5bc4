import { describe, expect, it } from 'vitest'
import { mergeRuntime, RUNTIME_DEFAULTS } from '../src/control/config.js'
import { FaultInjector, latencyFor, matchesPrefix } from '../src/control/faults.js'

const config = (update: Parameters<typeof mergeRuntime>[1]) => mergeRuntime(RUNTIME_DEFAULTS, update)

describe('fault injection', () => {
  it('should fire a `times` rule exactly that many times on matching endpoints only', () => {
    const runtime = config({ faults: [{ kind: 'rate-limit', match: 'twitch.gql.comments', times: 2 }] })
    const faults = new FaultInjector(1)
    faults.reset(runtime.faults)
    expect(faults.decide('soop.chat', runtime)).toBeUndefined()
    expect(faults.decide('twitch.gql.comments', runtime)?.kind).toBe('rate-limit')
    expect(faults.decide('twitch.gql.comments', runtime)?.retryAfterSec).toBe(1)
    expect(faults.decide('twitch.gql.comments', runtime)).toBeUndefined()
  })

  it('should fire a rate rule on about that share of requests', () => {
    const runtime = config({ faults: [{ kind: 'server-error', rate: 0.25, status: 502 }] })
    const faults = new FaultInjector(3)
    faults.reset(runtime.faults)
    const fired = Array.from({ length: 4000 }, () => faults.decide('youtube.watch', runtime)).filter(Boolean)
    expect(fired.length / 4000).toBeGreaterThan(0.22)
    expect(fired.length / 4000).toBeLessThan(0.28)
    expect(fired[0]?.status).toBe(502)
  })

  it('should only fire gql-error on Twitch GQL endpoints', () => {
    const runtime = config({ faults: [{ kind: 'gql-error' }] })
    const faults = new FaultInjector(1)
    expect(faults.decide('soop.vod-info', runtime)).toBeUndefined()
    expect(faults.decide('twitch.gql.video', runtime)?.kind).toBe('gql-error')
  })

  it('should match endpoint prefixes on dot boundaries', () => {
    expect(matchesPrefix('twitch.gql.comments', 'twitch')).toBe(true)
    expect(matchesPrefix('twitch.gql.comments', 'twitch.gql.comments')).toBe(true)
    expect(matchesPrefix('twitch.gqlx', 'twitch.gql')).toBe(false)
  })

  it('should pick the longest matching latency prefix over the default', () => {
    const runtime = config({ latencyMs: 5, endpointLatencyMs: { twitch: 100, 'twitch.gql.video': 1200 } })
    expect(latencyFor('twitch.gql.video', runtime, () => 0)).toBe(1200)
    expect(latencyFor('twitch.usher', runtime, () => 0)).toBe(100)
    expect(latencyFor('soop.chat', runtime, () => 0)).toBe(5)
  })

  it('should merge video statuses and let `ok` remove an override', () => {
    const first = config({ videoStatus: { 'twitch:1': 'deleted', 'soop:2': 'private' } })
    const second = mergeRuntime(first, { videoStatus: { 'twitch:1': 'ok' } })
    expect(second.videoStatus).toEqual({ 'soop:2': 'private' })
  })

  it('should reject an unknown fault kind or a rate outside [0, 1]', () => {
    expect(() => config({ faults: [{ kind: 'explode' as never }] })).toThrow(/unknown fault kind/)
    expect(() => config({ faults: [{ kind: 'reset', rate: 2 }] })).toThrow(/rate/)
  })
})
