import { type ICustomPartitioner, Partitioners } from 'kafkajs'

/** FNV-1a: a fixed, cheap string hash, so every planner replica picks the same starting partition. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * Puts segment `i` of a VOD on partition `(hash(videoKey) + i) mod n`: consecutive segments go to
 * consecutive partitions, so a VOD's segments spread evenly over the group's replicas. Hashing each
 * key on its own (the default) leaves it to chance — 48 segments of one 4 h VOD on 12 partitions
 * split 28/20 between two replicas, and the VOD finishes when the busier one does. The partition
 * still follows from the key alone (`videoKey:segmentIndex`), so a redelivered plan lands the same.
 * Keys of any other shape fall back to the default partitioner.
 */
export const SegmentPartitioner: ICustomPartitioner = () => {
  const fallback = Partitioners.DefaultPartitioner()
  return (args) => {
    const key = args.message.key?.toString() ?? ''
    const colon = key.lastIndexOf(':')
    const index = Number(key.slice(colon + 1))
    if (colon < 0 || !Number.isSafeInteger(index) || index < 0) return fallback(args)
    const ids = args.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b)
    return ids[(fnv1a(key.slice(0, colon)) + index) % ids.length] ?? fallback(args)
  }
}
