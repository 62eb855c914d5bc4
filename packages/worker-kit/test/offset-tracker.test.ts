import { describe, expect, it } from 'vitest'
import { OffsetTracker, type TrackedOffset } from '../src/offset-tracker.js'

/** A tracker holding `offsets`, with `finish` taking an offset instead of the tracked entry. */
function tracked(...offsets: number[]) {
  const tracker = new OffsetTracker()
  const entries = new Map<number, TrackedOffset>()
  for (const offset of offsets) entries.set(offset, tracker.track(offset))
  return Object.assign(tracker, {
    finishOffset: (offset: number) => tracker.finish(entries.get(offset)!),
  })
}

describe('OffsetTracker', () => {
  it('commit should skip offsets whose earlier messages are unfinished', () => {
    const tracker = tracked(10, 11, 12, 13)
    tracker.finishOffset(11)
    tracker.finishOffset(13)
    expect(tracker.takeCommit()).toEqual({ offset: 10, doneAhead: [11, 13] })
    tracker.finishOffset(10)
    expect(tracker.takeCommit()).toEqual({ offset: 12, doneAhead: [13] })
    tracker.finishOffset(12)
    expect(tracker.takeCommit()).toEqual({ offset: 14, doneAhead: [] })
    expect(tracker.pending).toBe(0)
  })

  it('should offer a commit only when something finished since the last one', () => {
    const tracker = tracked(0, 1)
    expect(tracker.takeCommit()).toBeUndefined()
    tracker.finishOffset(0)
    expect(tracker.takeCommit()?.offset).toBe(1)
    expect(tracker.takeCommit()).toBeUndefined()
  })

  it('should offer the same commit again after a failed one', () => {
    const tracker = tracked(0, 1)
    tracker.finishOffset(0)
    expect(tracker.takeCommit()?.offset).toBe(1)
    tracker.commitFailed()
    expect(tracker.takeCommit()?.offset).toBe(1)
  })

  it('should count the window from the first unfinished to the last accepted message', () => {
    const tracker = tracked(5, 6, 7, 8)
    tracker.finishOffset(6)
    tracker.finishOffset(7)
    expect(tracker.pending).toBe(4)
    tracker.finishOffset(5)
    expect(tracker.pending).toBe(1)
    expect(tracker.nextOffset).toBe(8)
  })

  it('should handle gaps in offsets (compaction, transaction markers)', () => {
    const tracker = tracked(3, 7, 20)
    tracker.finishOffset(3)
    tracker.finishOffset(7)
    expect(tracker.takeCommit()).toEqual({ offset: 20, doneAhead: [] })
    tracker.finishOffset(20)
    expect(tracker.takeCommit()).toEqual({ offset: 21, doneAhead: [] })
  })

  it('should refuse an offset twice and ignore a repeated finish', () => {
    const tracker = tracked(1)
    expect(() => tracker.track(1)).toThrow(RangeError)
    expect(tracker.finishOffset(1)).toBe(true)
    expect(tracker.finishOffset(1)).toBe(false)
  })

  it('should stay correct over many out-of-order finishes', () => {
    const n = 5_000
    const tracker = tracked(...Array.from({ length: n }, (_, i) => i))
    const order = Array.from({ length: n }, (_, i) => i).sort(() => Math.random() - 0.5)
    for (const offset of order.slice(0, n - 1)) tracker.finishOffset(offset)
    const last = order[n - 1]!
    expect(tracker.position()?.offset).toBe(last)
    tracker.finishOffset(last)
    expect(tracker.position()).toEqual({ offset: n, doneAhead: [] })
  })

  it('should have nothing to commit before the first message', () => {
    expect(new OffsetTracker().position()).toBeUndefined()
    expect(new OffsetTracker().nextOffset).toBeUndefined()
  })
})
