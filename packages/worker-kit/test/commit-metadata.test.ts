import { describe, expect, it } from 'vitest'
import { decodeDoneAhead, encodeDoneAhead } from '../src/commit-metadata.js'

describe('commit metadata', () => {
  it('should round-trip the finished offsets beyond the committed one, as ranges', () => {
    const done = [101, 102, 103, 105, 140, 141]
    const metadata = encodeDoneAhead(100, done)
    expect(metadata).toBe('d1:1-3,5,14-15')
    expect([...decodeDoneAhead(100, metadata)]).toEqual(done)
  })

  it('should write nothing when nothing finished ahead', () => {
    expect(encodeDoneAhead(7, [])).toBeNull()
    expect(decodeDoneAhead(7, null).size).toBe(0)
  })

  it('should stay under the broker metadata limit by dropping the tail', () => {
    const done = Array.from({ length: 5_000 }, (_, i) => 1_000_000 + 2 * i + 1)
    const metadata = encodeDoneAhead(1_000_000, done)!
    expect(metadata.length).toBeLessThanOrEqual(3_000)
    const decoded = [...decodeDoneAhead(1_000_000, metadata)]
    expect(decoded.length).toBeGreaterThan(100)
    expect(decoded).toEqual(done.slice(0, decoded.length))
  })

  it('should ignore metadata it did not write', () => {
    expect(decodeDoneAhead(0, 'something else').size).toBe(0)
    expect(decodeDoneAhead(0, 'd1:zz-1,-3,!,0').size).toBe(0)
  })
})
