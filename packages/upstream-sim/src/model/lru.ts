/** A small least-recently-used map; generated data is cheap to rebuild, so eviction only bounds memory. */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>()

  constructor(readonly capacity: number) {}

  getOrCreate(key: K, create: () => V): V {
    const found = this.#entries.get(key)
    if (found !== undefined) {
      // Re-insert so iteration order stays oldest-first.
      this.#entries.delete(key)
      this.#entries.set(key, found)
      return found
    }
    const value = create()
    this.#entries.set(key, value)
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    return value
  }
}
