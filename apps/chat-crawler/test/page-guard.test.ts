import { describe, expect, it } from 'vitest'
import { guardPages, pageBudget } from '../src/crawl/page-guard.js'

async function drain<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const page of pages) out.push(page)
  return out
}

const msg = (id: string) => ({ id })

describe('guardPages', () => {
  it('should pass through the pages of a crawl that ends', async () => {
    async function* pages() {
      yield [msg('a'), msg('b')]
      yield []
      yield [msg('c')]
    }
    expect(await drain(guardPages(pages(), 10, 'chunk'))).toEqual([[msg('a'), msg('b')], [], [msg('c')]])
  })

  it('should stop an upstream that repeats its page (a cursor that does not advance) with CHAT_CURSOR_STUCK', async () => {
    let served = 0
    async function* repeating() {
      for (;;) {
        served++
        yield [msg('x1'), msg('x2')]
      }
    }
    await expect(drain(guardPages(repeating(), 1_000, 'chunk'))).rejects.toMatchObject({
      code: 'CHAT_CURSOR_STUCK',
      retryable: false,
    })
    expect(served).toBe(2)
  })

  it('should stop an upstream that never ends at the chunk’s page budget with CHAT_CRAWL_RUNAWAY', async () => {
    let served = 0
    async function* endless() {
      for (;;) yield served++ % 2 === 0 ? [] : [msg(`m${served}`)]
    }
    const budget = pageBudget(0, 60)
    expect(budget).toBeLessThan(1_000)
    await expect(drain(guardPages(endless(), budget, 'chunk'))).rejects.toMatchObject({
      code: 'CHAT_CRAWL_RUNAWAY',
      retryable: false,
    })
    expect(served).toBe(budget + 1)
  })

  it('should derive the budget from the chunk length', () => {
    expect(pageBudget(0, 600)).toBeGreaterThan(pageBudget(0, 60))
    expect(pageBudget(5, 5)).toBeGreaterThan(0)
  })
})
