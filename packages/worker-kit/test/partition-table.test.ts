import { describe, expect, it } from 'vitest'
import { type PartitionState, PartitionTable } from '../src/partition-table.js'

function table() {
  const loaded: string[] = []
  const revoked: string[] = []
  const t = new PartitionTable({
    loadSkips: (states: PartitionState[]) => loaded.push(...states.map((s) => s.id)),
    revoked: (state) => revoked.push(state.id),
  })
  return { t, loaded, revoked }
}

describe('PartitionTable', () => {
  it('should keep the state of a partition the same member keeps across a rebalance', () => {
    const { t, revoked } = table()
    t.assign('m1', { a: [0, 1] })
    const kept = t.get('a', 0)!
    kept.tracker.track(5)
    t.assign('m1', { a: [0] })
    expect(t.get('a', 0)).toBe(kept)
    expect(kept.revoked).toBe(false)
    expect(revoked).toEqual(['a|1'])
  })

  it('should revoke a partition that left the assignment, aborting its handlers', () => {
    const { t } = table()
    t.assign('m1', { a: [0, 1] })
    const lost = t.get('a', 1)!
    t.assign('m1', { a: [0] })
    expect(lost.revoked).toBe(true)
    expect(lost.abort.signal.aborted).toBe(true)
    expect(t.get('a', 1)).toBeUndefined()
  })

  it('should start every partition fresh when the member id changed', () => {
    const { t, loaded } = table()
    t.assign('m1', { a: [0] })
    const before = t.get('a', 0)!
    const fresh = t.assign('m2', { a: [0] })
    expect(before.revoked).toBe(true)
    expect(fresh.map((s) => s.id)).toEqual(['a|0'])
    expect(t.get('a', 0)).not.toBe(before)
    expect(loaded).toEqual(['a|0', 'a|0'])
  })

  it('should abort without forgetting at a stop deadline, and forget everything on revokeAll', () => {
    const { t } = table()
    t.assign('m1', { a: [0], b: [2] })
    t.abortAll()
    expect([...t.all()].every((s) => s.revoked)).toBe(true)
    expect(t.size).toBe(2)
    t.revokeAll()
    expect(t.size).toBe(0)
    const again = t.assign('m1', { a: [0] })
    expect(again).toHaveLength(1)
  })
})
