import { describe, expect, it } from 'vitest'
import { framesPerSegment, renderPlaylist, renderSegment, segmentName } from '../src/audio/hls.js'
import type { PartTimeline } from '../src/audio/timeline.js'

/** Fake frames: a 7-byte ADTS-like header carrying the frame index. */
const timeline: PartTimeline = {
  sampleRate: 16_000,
  frameCount: 400,
  frame: (i) => Buffer.from([0xff, 0xf1, 0, 0, 0, 0, i % 256]),
}

describe('packed-audio HLS', () => {
  const perSegment = framesPerSegment(10, 16_000)

  it('should cut ~10 s segments of whole AAC frames', () => {
    expect(perSegment).toBe(156)
  })

  it('should list every segment with durations adding up to the part', () => {
    const playlist = renderPlaylist(timeline, perSegment)
    const durations = [...playlist.matchAll(/#EXTINF:([\d.]+),/g)].map((m) => Number(m[1]))
    expect(durations).toHaveLength(3)
    expect(durations.reduce((s, d) => s + d, 0)).toBeCloseTo((400 * 1024) / 16_000, 2)
    expect(playlist).toContain(segmentName(2))
    expect(playlist.trim().endsWith('#EXT-X-ENDLIST')).toBe(true)
  })

  it('should start each segment with an ID3 timestamp of its first frame', () => {
    const segment = renderSegment(timeline, perSegment, 1)!
    expect(segment.subarray(0, 3).toString('latin1')).toBe('ID3')
    const owner = segment.indexOf('com.apple.streaming.transportStreamTimestamp\0', 0, 'latin1')
    const pts = segment.readUInt32BE(owner + 45 + 4)
    expect(pts).toBe((156 * 1024 * 90_000) / 16_000)
    const frames = segment.subarray(segment.length - 7 * perSegment)
    expect(frames[6]).toBe(156 % 256)
  })

  it('should have no segment past the end', () => {
    expect(renderSegment(timeline, perSegment, 3)).toBeUndefined()
  })
})
