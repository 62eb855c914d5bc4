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
 * be fed in arbitrary chunks.
 */
export class KWeighting {
  private readonly pre: Biquad
  private readonly rlb: Biquad
  // x1,x2,y1,y2 of the pre-filter, then y1,y2 of the high-pass (its input is the pre-filter output).
  private px1 = 0
  private px2 = 0
  private py1 = 0
  private py2 = 0
  private ry1 = 0
  private ry2 = 0

  constructor(sampleRate: number) {
    this.pre = preFilter(sampleRate)
    this.rlb = rlbFilter(sampleRate)
  }

  /** Filters 16-bit `samples[from, from + count)` scaled to [-1, 1) and returns the sum of squares. */
  sumSquares(samples: Int16Array, from: number, count: number): number {
    const p = this.pre
    const r = this.rlb
    let { px1, px2, py1, py2, ry1, ry2 } = this
    let sum = 0
    for (let i = from; i < from + count; i++) {
      const x = (samples[i] as number) / 32768
      const y = p.b0 * x + p.b1 * px1 + p.b2 * px2 - p.a1 * py1 - p.a2 * py2
      px2 = px1
      px1 = x
      // The high-pass input is the pre-filter output; its input history is py1/py2.
      const z = r.b0 * y + r.b1 * py1 + r.b2 * py2 - r.a1 * ry1 - r.a2 * ry2
      py2 = py1
      py1 = y
      ry2 = ry1
      ry1 = z
      sum += z * z
    }
    this.px1 = px1
    this.px2 = px2
    this.py1 = py1
    this.py2 = py2
    this.ry1 = ry1
    this.ry2 = ry2
    return sum
  }
}
