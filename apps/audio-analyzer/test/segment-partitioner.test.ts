import type { PartitionMetadata } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { SegmentPartitioner } from '../src/pipeline/segment-partitioner.js'

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }))

describe('SegmentPartitioner', () => {
  const partition = SegmentPartitioner()
  const place = (key: string, n: number) =>
    partition({ topic: 't', partitionMetadata: metadata(n), message: { key, value: null } })

  it('spreads one VOD’s segments evenly over the partitions', () => {
    const counts = new Array<number>(12).fill(0)
    for (let i = 0; i < 48; i++) {
      const p = place(`twitch:770240060:${i}`, 12)
      counts[p] = (counts[p] ?? 0) + 1
    }
    expect(counts).toEqual(new Array(12).fill(4))
  })

  it('places a key the same way every time, and other keys by the default partitioner', () => {
    expect(place('soop:123:7', 4)).toBe(place('soop:123:7', 4))
    expect(place('soop:123', 4)).toBe(place('soop:123', 4))
    expect(place('soop:123', 4)).toBeGreaterThanOrEqual(0)
  })
})
