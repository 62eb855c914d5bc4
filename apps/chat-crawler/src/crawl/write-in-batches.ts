import { rebatch } from '../core/rebatch.js'

/**
 * Streams pages into bulk writes of `size` items with one write in flight: the next pages are fetched
 * while the previous batch is written, and memory holds at most the batch being written plus the one
 * being filled. Returns how many items were written.
 */
export async function writeInBatches<T>(
  pages: AsyncIterable<readonly T[]>,
  size: number,
  write: (batch: T[]) => Promise<void>,
): Promise<number> {
  let written = 0
  let inFlight: Promise<void> = Promise.resolve()
  for await (const batch of rebatch(pages, size)) {
    await inFlight
    inFlight = write(batch)
    // The write is awaited on the next batch or at the end; until then a rejection must not count as
    // unhandled (Node would exit), it is re-thrown by the await.
    inFlight.catch(() => {})
    written += batch.length
  }
  await inFlight
  return written
}
