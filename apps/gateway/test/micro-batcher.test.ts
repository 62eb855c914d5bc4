import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { DeadlineError } from '../src/services/deadline.js'
import { MicroBatcher } from '../src/services/micro-batcher.js'

/** A batcher whose flushes wait until the test releases them. */
function gated(options: { maxBatch?: number; lingerMs?: number; maxConcurrent?: number } = {}) {
  const flushes: number[][][] = []
  const releases: Array<(error?: Error) => void> = []
  const batcher = new MicroBatcher<number[], number>({
    flush: (groups) => {
      flushes.push(groups)
      return new Promise((resolve, reject) => {
        releases.push((error) => (error ? reject(error) : resolve(groups.map((g) => g.length))))
      })
    },
    size: (g) => g.length,
    maxBatch: options.maxBatch ?? 100,
    maxConcurrent: options.maxConcurrent ?? 1,
    lingerMs: options.lingerMs ?? 0,
  })
  return { batcher, flushes, releases }
}

describe('MicroBatcher', () => {
  it('should send groups submitted in the same tick in one flush', async () => {
    const { batcher, flushes, releases } = gated()
    const results = [batcher.submit([1], 1000), batcher.submit([2, 3], 1000), batcher.submit([4], 1000)]
    await sleep(5)
    expect(flushes).toEqual([[[1], [2, 3], [4]]])
    releases[0]!()
    expect(await Promise.all(results)).toEqual([1, 2, 1])
  })

  it('should gather everything queued during a flush into the next one, sent as soon as it returns', async () => {
    const { batcher, flushes, releases } = gated()
    const first = batcher.submit([1], 1000)
    await sleep(5)
    const queued = [batcher.submit([2], 1000), batcher.submit([3], 1000), batcher.submit([4], 1000)]
    await sleep(5)
    expect(flushes).toHaveLength(1)
    releases[0]!()
    await first
    await sleep(1)
    expect(flushes[1]).toEqual([[2], [3], [4]])
    releases[1]!()
    await Promise.all(queued)
  })

  it('should never put more than maxBatch items in a flush, except one group that is larger on its own', async () => {
    const { batcher, flushes, releases } = gated({ maxBatch: 3, maxConcurrent: 10 })
    const all = [
      batcher.submit([1, 2], 1000),
      batcher.submit([3, 4], 1000),
      batcher.submit([5, 6, 7, 8], 1000),
    ]
    await sleep(5)
    expect(flushes).toEqual([[[1, 2]], [[3, 4]], [[5, 6, 7, 8]]])
    for (const release of releases) release()
    await Promise.all(all)
  })

  it('should wait lingerMs for company when idle', async () => {
    const { batcher, flushes, releases } = gated({ lingerMs: 30 })
    const a = batcher.submit([1], 1000)
    await sleep(10)
    const b = batcher.submit([2], 1000)
    expect(flushes).toHaveLength(0)
    await sleep(40)
    expect(flushes).toEqual([[[1], [2]]])
    releases[0]!()
    await Promise.all([a, b])
  })

  it('should reject every group of a failed flush with its error', async () => {
    const { batcher, releases } = gated()
    const a = batcher.submit([1], 1000)
    const b = batcher.submit([2], 1000)
    await sleep(5)
    releases[0]!(new Error('broker says no'))
    await expect(a).rejects.toThrow('broker says no')
    await expect(b).rejects.toThrow('broker says no')
  })

  it('should time out a group stuck behind a hung flush and drop it from the queue', async () => {
    const { batcher, flushes, releases } = gated()
    const hung = batcher.submit([1], 50)
    await sleep(5)
    const behind = batcher.submit([2], 50)
    await expect(hung).rejects.toBeInstanceOf(DeadlineError)
    await expect(behind).rejects.toBeInstanceOf(DeadlineError)
    releases[0]!()
    await sleep(5)
    // The timed-out group was never sent.
    expect(flushes).toEqual([[[1]]])
  })

  it('should reject queued work on close and refuse new work', async () => {
    const { batcher } = gated()
    const inFlight = batcher.submit([1], 1000)
    await sleep(5)
    const queued = batcher.submit([2], 1000)
    batcher.close()
    await expect(queued).rejects.toThrow('closed')
    await expect(batcher.submit([3], 1000)).rejects.toThrow('closed')
    void inFlight.catch(() => undefined)
  })
})
