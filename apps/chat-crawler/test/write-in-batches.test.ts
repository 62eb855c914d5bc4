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
    const writes: number[][] = []
    const count = await writeInBatches(pages([1, 2, 3], [4, 5], [6, 7]), 3, async (b) => {
      writes.push(b)
    })
    expect(count).toBe(7)
    expect(writes).toEqual([[1, 2, 3], [4, 5, 6], [7]])
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
