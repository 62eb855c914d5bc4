/**
 * Regroups a stream of pages into batches of `size` items (the last one may be smaller), so bulk
 * writes have a steady size whatever the upstream's page size, and at most one batch waits in memory.
 */
export async function* rebatch<T>(source: AsyncIterable<readonly T[]>, size: number): AsyncGenerator<T[]> {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer, got ${size}`)
  let batch: T[] = []
  for await (const page of source) {
    for (const item of page) {
      batch.push(item)
      if (batch.length === size) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}
