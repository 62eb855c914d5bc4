/**
 * Seeded randomness. Every generated value derives from a key such as (seed, platform, id, purpose),
 * so any piece of a VOD (one chat block, one page) can be regenerated alone, in any order, and always
 * comes out the same.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max). */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  /** Poisson-distributed count with mean `lambda` (normal approximation above 50). */
  poisson(lambda: number): number
  /** Lower-case hex string of `length` characters. */
  hex(length: number): string
}

/** FNV-1a over the UTF-16 code units, then a murmur3 finaliser so close keys spread well. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export function createRng(...key: Array<string | number>): Rng {
  const text = key.join('\u0000')
  // sfc32 needs 128 bits of state; four differently salted hashes of the key provide them.
  let a = hashString(`a${text}`)
  let b = hashString(`b${text}`)
  let c = hashString(`c${text}`)
  let d = hashString(`d${text}`)
  const next = (): number => {
    a |= 0
    b |= 0
    c |= 0
    d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  // The first outputs of sfc32 correlate with the seed; discard them.
  for (let i = 0; i < 12; i++) next()

  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    poisson: (lambda) => {
      if (lambda <= 0) return 0
      if (lambda > 50) {
        // Box-Muller; exactness does not matter, determinism does.
        const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
        return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z))
      }
      const limit = Math.exp(-lambda)
      let k = 0
      let p = next()
      while (p > limit) {
        k++
        p *= next()
      }
      return k
    },
    hex: (length) => {
      let out = ''
      while (out.length < length)
        out += Math.floor(next() * 0x100000000)
          .toString(16)
          .padStart(8, '0')
      return out.slice(0, length)
    },
  }
  return rng
}
