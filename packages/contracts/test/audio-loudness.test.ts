import { describe, expect, it } from 'vitest'
import { type BinaryLike, loudnessBins, loudnessId, packFloat64, packUint32 } from '../src/index.js'

/** As the driver returns a Binary: content at the start of a larger buffer. */
const binary = (bytes: Uint8Array, slack = 16): BinaryLike => {
  const buffer = new Uint8Array(bytes.byteLength + slack)
  buffer.set(bytes)
  return { buffer, length: () => bytes.byteLength }
}

describe('audio_loudness bins', () => {
  it('should round-trip float64 sums and uint32 counts through their little-endian bytes', () => {
    const sumSquares = [0, 1.5, 1e-12, 123_456.789, Number.MIN_VALUE]
    const samples = [0, 1, 48_000, 2 ** 32 - 1]
    expect(
      loudnessBins({ sumSquares: binary(packFloat64(sumSquares)), samples: binary(packUint32(samples)) }),
    ).toEqual({
      sumSquares,
      samples,
    })
  })

  it('should write little-endian bytes (the layout stored documents already hold)', () => {
    expect([...packUint32([1])]).toEqual([1, 0, 0, 0])
    expect([...packFloat64([1])]).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f])
  })

  it('should read documents from before the binary layout, whose bins are plain arrays', () => {
    expect(loudnessBins({ sumSquares: [1, 2], samples: [3, 4] })).toEqual({
      sumSquares: [1, 2],
      samples: [3, 4],
    })
  })

  it('should key a segment by video and index', () => {
    expect(loudnessId('twitch:1', 3)).toBe('twitch:1:3')
  })
})
