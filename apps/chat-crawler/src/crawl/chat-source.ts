import type { Platform, VideoPart } from '@vodscope/contracts'
import type { CrawledMessage } from '../store/chat-messages.js'

/** One time range of one part's chat replay, in VOD seconds. */
export interface ChatRange {
  platform: Platform
  videoId: string
  part: VideoPart
  startSec: number
  endSec: number
  /** The range ends its part: crawl to the end of the part's replay, not just to `endSec`. */
  openEnd: boolean
  signal: AbortSignal
}

/**
 * Where chunk workers get chat from: pages of messages covering at least the range, offsets in VOD
 * time. Pages may overlap the range and each other; the chunk's tally filters and de-duplicates.
 * Tests pass their own; the app uses the platform clients (platform-chat-source.ts).
 */
export type ChatSource = (range: ChatRange) => AsyncIterable<readonly CrawledMessage[]>
