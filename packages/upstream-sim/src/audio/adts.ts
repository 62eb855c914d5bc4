/**
 * ADTS framing. Every AAC frame in an ADTS stream is self-delimiting, so frames cut from different
 * encodings can be concatenated into one valid stream: that is how hours of audio are assembled from
 * a few seconds of encoded tiles without encoding hours of audio.
 */
export const SAMPLES_PER_FRAME = 1024

export function splitAdtsFrames(data: Buffer): Buffer[] {
  const frames: Buffer[] = []
  let at = 0
  while (at + 7 <= data.length) {
    if (data[at] !== 0xff || ((data[at + 1] ?? 0) & 0xf0) !== 0xf0) {
      throw new Error(`ADTS sync word missing at byte ${at}`)
    }
    const length =
      (((data[at + 3] ?? 0) & 0x03) << 11) | ((data[at + 4] ?? 0) << 3) | ((data[at + 5] ?? 0) >> 5)
    if (length < 7 || at + length > data.length) throw new Error(`truncated ADTS frame at byte ${at}`)
    frames.push(data.subarray(at, at + length))
    at += length
  }
  return frames
}
