import { ChatError } from '../errors.js'

/**
 * Most pages one chunk may take: ten per second of chunk (a page holds tens of messages, so ten a
 * second is several times the busiest chat measured) plus a floor for sparse pages at the edges.
 */
export const PAGES_PER_CHUNK_SEC = 10
export const MIN_PAGE_BUDGET = 50

export function pageBudget(startSec: number, endSec: number): number {
  return MIN_PAGE_BUDGET + Math.ceil(Math.max(0, endSec - startSec) * PAGES_PER_CHUNK_SEC)
}

/**
 * Passes an upstream's pages through and stops a crawl that does not end: more pages than the
 * chunk's budget, or a page that ends on the same message as the one before (a cursor that does not
 * advance). Both are final errors — a misbehaving upstream does not get better on retry, and a crawl
 * that never ends would hold its partition's offset for ever.
 */
export async function* guardPages<T extends { id: string }>(
  pages: AsyncIterable<readonly T[]>,
  budget: number,
  what: string,
): AsyncGenerator<readonly T[]> {
  let count = 0
  let lastId: string | undefined
  for await (const page of pages) {
    count += 1
    if (count > budget) {
      throw new ChatError(
        'CHAT_CRAWL_RUNAWAY',
        `${what}: more than ${budget} pages; the upstream does not end`,
      )
    }
    const last = page.at(-1)?.id
    if (last !== undefined) {
      if (last === lastId) {
        throw new ChatError(
          'CHAT_CURSOR_STUCK',
          `${what}: page ${count} ends on message ${JSON.stringify(last.slice(0, 100))} like the one before`,
        )
      }
      lastId = last
    }
    yield page
  }
}
