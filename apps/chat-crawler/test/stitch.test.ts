import { describe, expect, it } from 'vitest'
import { stitchCounts, uniqueChatters } from '../src/core/stitch.js'

describe('stitchCounts', () => {
  it('should place each chunk at its start second and add overlapping seconds', () => {
    const series = stitchCounts(
      [
        { startSec: 0, counts: [1, 2, 3] },
        { startSec: 2, counts: [4, 5] },
      ],
      5,
    )
    expect(series).toEqual([1, 2, 7, 5, 0])
  })

  it('should grow past the duration when a chunk holds late messages', () => {
    expect(stitchCounts([{ startSec: 0, counts: [0, 0, 1] }], 1)).toEqual([0, 0, 1])
  })
})

describe('uniqueChatters', () => {
  it('should union a minute split over two chunks instead of adding its counts', () => {
    const result = uniqueChatters(
      [
        { chatters: [{ minute: 0, authorIds: ['a', 'b'] }] },
        {
          chatters: [
            { minute: 0, authorIds: ['b', 'c'] },
            { minute: 2, authorIds: ['a'] },
          ],
        },
      ],
      150,
    )
    expect(result.perMinute).toEqual([3, 0, 1])
    expect(result.total).toBe(3)
  })
})
