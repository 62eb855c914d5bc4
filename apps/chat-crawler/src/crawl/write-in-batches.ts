/**
 * Streams pages into writes of batches of `size` items, one write in flight. A batch is written once
 * the page after the one that completed it has arrived, together with every other batch held by then;
 * when the pages end, everything held (the last, partial batch too) goes in one write. So the next
 * pages are fetched while earlier batches are written, and a chunk whose messages come in one page
 * (a SOOP window) costs one write, not one per batch: on the embedded store each write is a commit.
 * Memory holds the batch being written plus those of the latest page. Returns how many items were
 * written.
 */
export async function writeInBatches<T>(
  pages: AsyncIterable<readonly T[]>,
  size: number,
  write: (batches: T[][]) => Promise<void>,
): Promise<number> {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`batch size must be a positive integer, got ${size}`)
  }
  let written = 0
  let held: T[][] = []
  let filling: T[] = []
  let inFlight: Promise<void> = Promise.resolve()

  async function flush(): Promise<void> {
    await inFlight
    const batches = held
    held = []
    inFlight = write(batches)
    // Awaited by the next flush or at the end; until then a rejection must not count as unhandled
    // (Node would exit), it is re-thrown by that await.
    inFlight.catch(() => {})
    written += batches.reduce((n, batch) => n + batch.length, 0)
  }

  for await (const page of pages) {
    // Another page came, so the batches held are not the stream's last: write them now.
    if (held.length > 0) await flush()
    for (const item of page) {
      filling.push(item)
      if (filling.length === size) {
        held.push(filling)
        filling = []
      }
    }
  }
  if (filling.length > 0) held.push(filling)
  if (held.length > 0) await flush()
  await inFlight
  return written
}
