import { describe, expect, it } from 'vitest'
import { OffsetTracker } from '../src/offset-tracker.js'

function tracked(...offsets: number[]): OffsetTracker {
  const tracker = new OffsetTracker()
  for (const offset of offsets) tracker.track(offset)
  return tracker
}

describe('OffsetTracker', () => {
  it('commit should skip offsets whose earlier messages are unfinished', () => {
    const tracker = tracked(10, 11, 12, 13)
    tracker.finish(11)
    tracker.finish(13)
    expect(tracker.takeCommit()).toEqual({ offset: 10, doneAhead: [11, 13] })
    tracker.finish(10)
    expect(tracker.takeCommit()).toEqual({ offset: 12, doneAhead: [13] })
    tracker.finish(12)
    expect(tracker.takeCommit()).toEqual({ offset: 14, doneAhead: [] })
    expect(tracker.pending).toBe(0)
  })

  it('should offer a commit only when something finished since the last one', () => {
    const tracker = tracked(0, 1)
    expect(tracker.takeCommit()).toBeUndefined()
    tracker.finish(0)
    expect(tracker.takeCommit()?.offset).toBe(1)
    expect(tracker.takeCommit()).toBeUndefined()
  })

  it('should offer the same commit again after a failed one', () => {
    const tracker = tracked(0, 1)
    tracker.finish(0)
    expect(tracker.takeCommit()?.offset).toBe(1)
    tracker.commitFailed()
    expect(tracker.takeCommit()?.offset).toBe(1)
  })

  it('should count the window from the first unfinished to the last accepted message', () => {
    const tracker = tracked(5, 6, 7, 8)
    tracker.finish(6)
    tracker.finish(7)
    expect(tracker.pending).toBe(4)
    tracker.finish(5)
    expect(tracker.pending).toBe(1)
    expect(tracker.nextOffset).toBe(8)
  })

  it('should handle gaps in offsets (compaction, transaction markers)', () => {
    const tracker = tracked(3, 7, 20)
    tracker.finish(3)
    tracker.finish(7)
    expect(tracker.takeCommit()).toEqual({ offset: 20, doneAhead: [] })
    tracker.finish(20)
    expect(tracker.takeCommit()).toEqual({ offset: 21, doneAhead: [] })
  })

  it('should refuse an offset twice and ignore unknown or repeated finishes', () => {
    const tracker = tracked(1)
    expect(() => tracker.track(1)).toThrow(RangeError)
    expect(tracker.finish(99)).toBe(false)
    expect(tracker.finish(1)).toBe(true)
    expect(tracker.finish(1)).toBe(false)
  })

  it('should stay correct over many out-of-order finishes', () => {
    const tracker = new OffsetTracker()
    const n = 5_000
    for (let i = 0; i < n; i++) tracker.track(i)
    const order = Array.from({ length: n }, (_, i) => i).sort(() => Math.random() - 0.5)
    for (const offset of order.slice(0, n - 1)) tracker.finish(offset)
    const last = order[n - 1]!
    expect(tracker.position()?.offset).toBe(last)
    tracker.finish(last)
    expect(tracker.position()).toEqual({ offset: n, doneAhead: [] })
  })

  it('should have nothing to commit before the first message', () => {
    expect(new OffsetTracker().position()).toBeUndefined()
    expect(new OffsetTracker().nextOffset).toBeUndefined()
  })
})
