import type { Platforms } from '@vodscope/platforms'

/**
 * Where chunk workers get chat from: the platform clients' crawl, which yields the messages of a
 * range in batches with per-host limits and retries. Tests may pass a stand-in.
 */
export type ChatSource = Pick<Platforms, 'crawlChat'>
