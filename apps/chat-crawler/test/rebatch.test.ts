import { describe, expect, it } from 'vitest'
import { rebatch } from '../src/core/rebatch.js'

async function* pages<T>(...items: T[][]) {
  for (const page of items) yield page
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of source) out.push(item)
  return out
}

describe('rebatch', () => {
  it('should regroup pages of any size into batches of the given size', async () => {
    const batches = await collect(rebatch(pages([1, 2, 3], [], [4], [5, 6, 7, 8]), 3))
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ])
  })

  it('should yield nothing for an empty stream', async () => {
    expect(await collect(rebatch(pages<number>(), 10))).toEqual([])
  })

  it('should yield a full batch before reading further pages', async () => {
    const read: number[] = []
    async function* tracked() {
      for (const page of [
        [1, 2],
        [3, 4],
      ]) {
        read.push(page[0]!)
        yield page
      }
    }
    const iterator = rebatch(tracked(), 2)
    await iterator.next()
    expect(read).toEqual([1])
  })

  it('should reject a batch size below one', async () => {
    await expect(collect(rebatch(pages([1]), 0))).rejects.toThrow(RangeError)
  })
})
