import { describe, expect, it } from 'vitest'
import { ChunkTally } from '../src/core/chunk-tally.js'

const msg = (id: string, offsetMs: number, authorId = 'a') => ({ id, offsetMs, authorId })

describe('ChunkTally', () => {
  it('should accept only messages inside [start, end)', () => {
    const tally = new ChunkTally({ startSec: 10, endSec: 20 })
    const fresh = tally.accept([msg('a', 9_999), msg('b', 10_000), msg('c', 19_999), msg('d', 20_000)])
    expect(fresh.map((m) => m.id)).toEqual(['b', 'c'])
    expect(tally.messageCount).toBe(2)
  })

  it('should drop messages it has already seen, as overlapping upstream windows repeat them', () => {
    const tally = new ChunkTally({ startSec: 0, endSec: 60 })
    tally.accept([msg('a', 1_000), msg('b', 2_000)])
    const fresh = tally.accept([msg('b', 2_000), msg('c', 3_000)])
    expect(fresh.map((m) => m.id)).toEqual(['c'])
    expect(tally.perSecond().slice(0, 4)).toEqual([0, 1, 1, 1])
  })

  it('should count per second relative to the chunk start rounded down', () => {
    const tally = new ChunkTally({ startSec: 100.5, endSec: 103.5 })
    expect(tally.baseSec).toBe(100)
    tally.accept([msg('a', 100_600), msg('b', 100_900), msg('c', 102_000), msg('d', 103_400)])
    expect(tally.perSecond()).toEqual([2, 0, 1, 1])
  })

  it('should collect unique authors per minute of VOD time', () => {
    const tally = new ChunkTally({ startSec: 30, endSec: 150 })
    tally.accept([msg('1', 31_000, 'x'), msg('2', 59_000, 'x'), msg('3', 61_000, 'y'), msg('4', 62_000, 'x')])
    expect(tally.minuteChatters()).toEqual([
      { minute: 0, authorIds: ['x'] },
      { minute: 1, authorIds: ['x', 'y'] },
    ])
  })
})
