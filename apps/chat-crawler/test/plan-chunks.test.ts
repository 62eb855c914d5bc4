import type { VideoExtractedV1 } from '@vodscope/contracts'
import { codecs, TOPICS } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { planChunks } from '../src/core/plan-chunks.js'

function video(parts: { startSec: number; durationSec: number }[]): VideoExtractedV1 {
  return {
    version: 1,
    jobId: 'job-1',
    videoKey: 'soop:123',
    platform: 'soop',
    videoId: '123',
    title: 't',
    durationSec: parts.reduce((a, p) => a + p.durationSec, 0),
    channel: { id: 'c', name: 'C' },
    parts: parts.map((p, index) => ({ index, partId: `p${index}`, ...p })),
    extractedAt: new Date(0).toISOString(),
  }
}

describe('planChunks', () => {
  it('should cut a SOOP part into chunks of its own chat window (chat_duration), not a fixed 300 s', () => {
    const extracted = video([{ startSec: 0, durationSec: 600 }])
    extracted.parts = extracted.parts.map((p) => ({ ...p, chatWindowSec: 120 }))
    const chunks = planChunks(extracted)
    expect(chunks.map((c) => [c.startSec, c.endSec])).toEqual([
      [0, 120],
      [120, 240],
      [240, 360],
      [360, 480],
      [480, 600],
    ])
    expect(codecs[TOPICS.chatChunks].decode(codecs[TOPICS.chatChunks].encode(chunks[0]!))).toEqual(chunks[0])
  })

  it('should cover a one-part VOD with consecutive chunks of the configured size', () => {
    const chunks = planChunks(video([{ startSec: 0, durationSec: 3600 }]), {
      chunkSec: 120,
      minChunkSec: 15,
      chunkSecByPlatform: {},
    })
    expect(chunks).toHaveLength(30)
    expect(chunks.map((c) => c.chunkIndex)).toEqual([...Array(30).keys()])
    expect(chunks.every((c) => c.chunkCount === 30)).toBe(true)
    chunks.forEach((c, i) => {
      expect(c.startSec).toBe(i * 120)
      expect(c.endSec).toBe((i + 1) * 120)
    })
  })

  it('should fold a remainder shorter than minChunkSec into the chunk before it', () => {
    const chunks = planChunks(video([{ startSec: 0, durationSec: 250 }]), {
      chunkSec: 120,
      minChunkSec: 15,
      chunkSecByPlatform: {},
    })
    expect(chunks.map((c) => [c.startSec, c.endSec])).toEqual([
      [0, 120],
      [120, 250],
    ])
  })

  it('should keep a remainder at least minChunkSec long as its own chunk', () => {
    const chunks = planChunks(video([{ startSec: 0, durationSec: 260 }]), {
      chunkSec: 120,
      minChunkSec: 15,
      chunkSecByPlatform: {},
    })
    expect(chunks.map((c) => [c.startSec, c.endSec])).toEqual([
      [0, 120],
      [120, 240],
      [240, 260],
    ])
  })

  it('should never let a chunk cross a part boundary', () => {
    const parts = [
      { startSec: 0, durationSec: 3600.5 },
      { startSec: 3600.5, durationSec: 1000 },
      { startSec: 4600.5, durationSec: 10 },
    ]
    const chunks = planChunks(video(parts), { chunkSec: 300, minChunkSec: 15, chunkSecByPlatform: {} })
    for (const c of chunks) {
      expect(c.startSec).toBeGreaterThanOrEqual(c.part.startSec)
      expect(c.endSec).toBeLessThanOrEqual(c.part.startSec + c.part.durationSec)
    }
    // The chunks tile the whole VOD without gaps or overlaps.
    expect(chunks.slice(1).map((c) => c.startSec)).toEqual(chunks.slice(0, -1).map((c) => c.endSec))
    expect(chunks.at(-1)?.endSec).toBe(4610.5)
    // A part shorter than minChunkSec still gets its own chunk.
    expect(chunks.at(-1)?.part.index).toBe(2)
  })

  it('should use the platform chunk size when one is set', () => {
    const chunks = planChunks(video([{ startSec: 0, durationSec: 900 }]), {
      chunkSec: 120,
      minChunkSec: 15,
      chunkSecByPlatform: { soop: 300 },
    })
    expect(chunks.map((c) => c.startSec)).toEqual([0, 300, 600])
  })

  it('should plan one chunk for a zero-length part', () => {
    const chunks = planChunks(video([{ startSec: 0, durationSec: 0 }]))
    expect(chunks.map((c) => [c.startSec, c.endSec])).toEqual([[0, 0]])
  })

  it('should order parts by index whatever order they arrive in', () => {
    const v = video([
      { startSec: 0, durationSec: 100 },
      { startSec: 100, durationSec: 100 },
    ])
    v.parts.reverse()
    const chunks = planChunks(v, { chunkSec: 100, minChunkSec: 15, chunkSecByPlatform: {} })
    expect(chunks.map((c) => c.part.index)).toEqual([0, 1])
  })

  it('should produce messages that pass the chat-chunk contract', () => {
    const chunks = planChunks(video([{ startSec: 0, durationSec: 1000 }]))
    for (const c of chunks) expect(() => codecs[TOPICS.chatChunks].check(c)).not.toThrow()
  })

  it('should reject a non-positive chunk size', () => {
    expect(() =>
      planChunks(video([{ startSec: 0, durationSec: 10 }]), {
        chunkSec: 0,
        minChunkSec: 0,
        chunkSecByPlatform: {},
      }),
    ).toThrow(RangeError)
  })
})
