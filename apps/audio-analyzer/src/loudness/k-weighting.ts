/**
 * ITU-R BS.1770 K-weighting: a high-shelf "pre-filter" (+4 dB above ~1.7 kHz, the head's acoustic
 * effect) followed by the "RLB" high-pass (~38 Hz). BS.1770 tabulates coefficients for 48 kHz only;
 * these are derived from the analogue prototype's f0/Q/gain by the bilinear transform (as libebur128
 * does), so they hold at the low rate we decode at. At 48 kHz they reproduce the BS.1770 table.
 */
export interface Biquad {
  b0: number
  b1: number
  b2: number
  a1: number
  a2: number
}

export function preFilter(sampleRate: number): Biquad {
  const f0 = 1681.974450955533
  const gainDb = 3.999843853973347
  const q = 0.7071752369554196
  const k = Math.tan((Math.PI * f0) / sampleRate)
  const vh = 10 ** (gainDb / 20)
  const vb = vh ** 0.4996667741545416
  const a0 = 1 + k / q + k * k
  return {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  }
}

export function rlbFilter(sampleRate: number): Biquad {
  const f0 = 38.13547087602444
  const q = 0.5003270373238773
  const k = Math.tan((Math.PI * f0) / sampleRate)
  const a0 = 1 + k / q + k * k
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 }
}

/**
 * Both stages in one loop over a block, direct form I, with state kept between blocks so a stream can
 * be fed in arbitrary chunks. Input is raw 16-bit PCM: the 1/32768 scaling is folded into the
 * pre-filter's numerator (the filter is linear), and the high-pass numerator (1, −2, 1) is written
 * out — this loop is the analyzer's only per-sample work in Node.
 */
export class KWeighting {
  private readonly b0: number
  private readonly b1: number
  private readonly b2: number
  private readonly a1: number
  private readonly a2: number
  private readonly ra1: number
  private readonly ra2: number
  // Input (x), pre-filter output (y) and high-pass output (z) history.
  private x1 = 0
  private x2 = 0
  private y1 = 0
  private y2 = 0
  private z1 = 0
  private z2 = 0

  constructor(sampleRate: number) {
    const pre = preFilter(sampleRate)
    const rlb = rlbFilter(sampleRate)
    const scale = 1 / 32768
    this.b0 = pre.b0 * scale
    this.b1 = pre.b1 * scale
    this.b2 = pre.b2 * scale
    this.a1 = pre.a1
    this.a2 = pre.a2
    this.ra1 = rlb.a1
    this.ra2 = rlb.a2
  }

  /** Filters 16-bit `samples[from, from + count)` and returns the sum of squares, full scale = 1. */
  sumSquares(samples: Int16Array, from: number, count: number): number {
    const { b0, b1, b2, a1, a2, ra1, ra2 } = this
    let { x1, x2, y1, y2, z1, z2 } = this
    let sum = 0
    for (let i = from; i < from + count; i++) {
      const x = samples[i] as number
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
      const z = y - 2 * y1 + y2 - ra1 * z1 - ra2 * z2
      x2 = x1
      x1 = x
      y2 = y1
      y1 = y
      z2 = z1
      z1 = z
      sum += z * z
    }
    this.x1 = x1
    this.x2 = x2
    this.y1 = y1
    this.y2 = y2
    this.z1 = z1
    this.z2 = z2
    return sum
  }
}
