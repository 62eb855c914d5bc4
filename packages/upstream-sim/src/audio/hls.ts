import { SAMPLES_PER_FRAME } from './adts.js'
import { framesBetween, type PartTimeline } from './timeline.js'

/**
 * HLS "packed audio": each segment is raw ADTS frames behind an ID3 tag carrying the segment's MPEG-TS
 * timestamp (Apple's `com.apple.streaming.transportStreamTimestamp`). Players and ffmpeg read it like
 * TS segments, and it is built per request straight from the timeline: no ffmpeg, no disk.
 */
export function framesPerSegment(segmentSec: number, sampleRate: number): number {
  return Math.max(1, Math.round((segmentSec * sampleRate) / SAMPLES_PER_FRAME))
}

export function segmentName(index: number): string {
  return `seg${String(index).padStart(5, '0')}.aac`
}

export function renderPlaylist(timeline: PartTimeline, perSegment: number): string {
  const count = Math.ceil(timeline.frameCount / perSegment)
  const frameSec = SAMPLES_PER_FRAME / timeline.sampleRate
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(perSegment * frameSec)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
  ]
  for (let s = 0; s < count; s++) {
    const frames = Math.min(perSegment, timeline.frameCount - s * perSegment)
    lines.push(`#EXTINF:${(frames * frameSec).toFixed(3)},`, segmentName(s))
  }
  lines.push('#EXT-X-ENDLIST', '')
  return lines.join('\n')
}

/** Segment `index`, or undefined past the end. */
export function renderSegment(timeline: PartTimeline, perSegment: number, index: number): Buffer | undefined {
  const first = index * perSegment
  if (index < 0 || first >= timeline.frameCount) return undefined
  const pts = Math.round((first * SAMPLES_PER_FRAME * 90_000) / timeline.sampleRate)
  return Buffer.concat([timestampTag(pts), framesBetween(timeline, first, first + perSegment)])
}

function timestampTag(pts90k: number): Buffer {
  const owner = Buffer.from('com.apple.streaming.transportStreamTimestamp\0', 'latin1')
  const timestamp = Buffer.alloc(8)
  // 33-bit timestamp, big-endian in 8 bytes.
  timestamp.writeUInt32BE(Math.floor(pts90k / 2 ** 32) & 1, 0)
  timestamp.writeUInt32BE(pts90k >>> 0, 4)
  const body = Buffer.concat([owner, timestamp])
  const frame = Buffer.concat([
    Buffer.from('PRIV', 'latin1'),
    syncsafe(body.length),
    Buffer.from([0, 0]),
    body,
  ])
  return Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0]), syncsafe(frame.length), frame])
}

/** ID3v2.4 sizes: 7 bits per byte. */
function syncsafe(size: number): Buffer {
  return Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f])
}
