import { describe, expect, it } from 'vitest'
import { writeInBatches } from '../src/crawl/write-in-batches.js'

async function* pages<T>(...items: T[][]) {
  for (const page of items) {
    await new Promise((resolve) => setImmediate(resolve))
    yield page
  }
}

describe('writeInBatches', () => {
  it('should write every item once, in batches of the given size', async () => {
    const writes: number[][][] = []
    const count = await writeInBatches(pages([1, 2, 3], [], [4], [5, 6, 7, 8]), 3, async (b) => {
      writes.push(b)
    })
    expect(count).toBe(8)
    expect(writes.flat()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ])
  })

  it('should write a batch once the next page has come, and the rest in one write at the end', async () => {
    const writes: number[][][] = []
    await writeInBatches(pages([1, 2, 3], [4, 5], [6, 7]), 3, async (b) => {
      writes.push(b)
    })
    expect(writes).toEqual([[[1, 2, 3]], [[4, 5, 6], [7]]])
  })

  it('should write a stream of one page in one write, however many batches it fills', async () => {
    const writes: number[][][] = []
    await writeInBatches(pages([1, 2, 3, 4, 5, 6, 7]), 3, async (b) => {
      writes.push(b)
    })
    expect(writes).toEqual([[[1, 2, 3], [4, 5, 6], [7]]])
  })

  it('should write nothing for a stream without items', async () => {
    const writes: number[][][] = []
    expect(await writeInBatches(pages<number>([], []), 3, async (b) => void writes.push(b))).toBe(0)
    expect(writes).toEqual([])
  })

  it('should reject a batch size below one', async () => {
    await expect(writeInBatches(pages([1]), 0, async () => {})).rejects.toThrow(RangeError)
  })

  it('should never run two writes at once', async () => {
    let running = 0
    let maxRunning = 0
    await writeInBatches(pages([1], [2], [3], [4], [5]), 1, async () => {
      running++
      maxRunning = Math.max(maxRunning, running)
      await new Promise((resolve) => setTimeout(resolve, 5))
      running--
    })
    expect(maxRunning).toBe(1)
  })

  it('should fail with the write error and stop reading pages', async () => {
    let pagesRead = 0
    async function* counted() {
      for (let i = 0; i < 100; i++) {
        pagesRead++
        yield [i]
      }
    }
    await expect(
      writeInBatches(counted(), 1, async () => {
        throw new Error('disk full')
      }),
    ).rejects.toThrow('disk full')
    expect(pagesRead).toBeLessThan(5)
  })
})
