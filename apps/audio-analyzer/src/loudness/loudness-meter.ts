import { KWeighting } from './k-weighting.js'

/**
 * Per-second energy of one decoded piece of audio, in VOD time. Second `firstSec + i` holds the
 * K-weighted sum of squares and the number of samples that fell into it. Keeping sums (not dB) makes
 * stitching exact: a second split between two segments is the sum of both halves, so a boundary
 * can neither lose nor double-count audio.
 */
export interface SecondBins {
  firstSec: number
  sumSquares: number[]
  samples: number[]
}

/**
 * Streams s16le mono PCM into per-second K-weighted energy. Memory is one chunk plus one number pair
 * per second, whatever the segment length.
 */
export class LoudnessMeter {
  private readonly filter: KWeighting
  private carry: number | undefined // a sample's low byte when a chunk ends mid-sample
  private readonly bins: SecondBins
  private binIndex = 0
  private samplesLeftInBin: number
  private totalSamples = 0

  constructor(
    private readonly sampleRate: number,
    /** VOD time of the first sample, in seconds; may be fractional (SOOP parts are in ms). */
    private readonly startSec: number,
  ) {
    this.filter = new KWeighting(sampleRate)
    const firstSec = Math.floor(startSec)
    this.bins = { firstSec, sumSquares: [0], samples: [0] }
    this.samplesLeftInBin = this.samplesUntilSecond(firstSec + 1)
  }

  get sampleCount(): number {
    return this.totalSamples
  }

  push(chunk: Buffer): void {
    let bytes = chunk
    if (this.carry !== undefined) {
      bytes = Buffer.concat([Buffer.from([this.carry]), chunk])
      this.carry = undefined
    }
    const count = bytes.length >> 1
    if (bytes.length & 1) this.carry = bytes[bytes.length - 1]
    // An Int16Array view needs an even byte offset; copying realigns the rare odd one. The view reads
    // host byte order, which is little-endian on every platform ffmpeg-installer ships for.
    if (bytes.byteOffset & 1) bytes = Buffer.from(bytes)
    this.consume(new Int16Array(bytes.buffer, bytes.byteOffset, count))
  }

  /** The bins so far; a trailing bin that got no sample is dropped. */
  finish(): SecondBins {
    const { firstSec, sumSquares, samples } = this.bins
    const last = samples.length - 1
    if (last > 0 && samples[last] === 0)
      return { firstSec, sumSquares: sumSquares.slice(0, last), samples: samples.slice(0, last) }
    return { firstSec, sumSquares: [...sumSquares], samples: [...samples] }
  }

  private consume(pcm: Int16Array): void {
    const count = pcm.length
    let from = 0
    while (from < count) {
      const take = Math.min(this.samplesLeftInBin, count - from)
      this.bins.sumSquares[this.binIndex] =
        (this.bins.sumSquares[this.binIndex] ?? 0) + this.filter.sumSquares(pcm, from, take)
      this.bins.samples[this.binIndex] = (this.bins.samples[this.binIndex] ?? 0) + take
      from += take
      this.totalSamples += take
      this.samplesLeftInBin -= take
      if (this.samplesLeftInBin === 0) {
        this.binIndex++
        this.bins.sumSquares.push(0)
        this.bins.samples.push(0)
        this.samplesLeftInBin = this.samplesUntilSecond(this.bins.firstSec + this.binIndex + 1)
      }
    }
  }

  /** Samples from the start of the piece until VOD second `sec` begins, minus those already counted. */
  private samplesUntilSecond(sec: number): number {
    return Math.round((sec - this.startSec) * this.sampleRate) - this.totalSamples
  }
}
