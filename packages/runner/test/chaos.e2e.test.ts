import { describe, expect, it } from 'vitest'
import { poisonScenario } from '../src/chaos/scenarios/poison.js'
import { chaosSizes } from '../src/chaos/sizes.js'

// The short chaos scenario that runs in CI; the whole suite is `bench/chaos/run.ts`.
describe('chaos: poison messages on every consumed topic', () => {
  it('dead-letters each with its reason, delays nothing, loses nothing, and replays a fixed one', async () => {
    const sizes = { ...chaosSizes(false, {}), links: 6, replicas: 1, timeoutSec: 60 }
    const result = await poisonScenario(sizes)
    expect(result.detail.problems).toEqual([])
    expect(result.detail.deadLettered).toBe(result.detail.expected)
    expect(result.detail.replayed).toBe(true)
    expect(result.accepted).toBe(result.submitted)
    expect(result.lost).toBe(0)
    expect(result.duplicates).toBe(0)
    // "Nothing else is delayed": the good links finish about as fast alongside poison as without it.
    expect(result.detail.poisonedBatchSec).toBeDefined()
    expect(result.detail.poisonedBatchSec!).toBeLessThan(2 * result.detail.cleanBatchSec! + 10)
  }, 150_000)
})
