import { createHash } from 'node:crypto'
import type { Platform, VideoExtractedV1 } from '@vodscope/contracts'
import type { SimHandle } from '@vodscope/upstream-sim'

/** The extractor's message for a simulated VOD, from the simulator's truth. */
export function videoMessage(
  sim: SimHandle,
  platform: Platform,
  videoId: string,
  jobId: string,
): VideoExtractedV1 {
  const truth = sim.truth(platform, videoId)
  return {
    version: 1,
    jobId,
    videoKey: `${platform}:${videoId}`,
    platform,
    videoId,
    title: truth.title,
    durationSec: truth.durationSec,
    channel: truth.channel,
    publishedAt: truth.publishedAt,
    parts: truth.parts,
    extractedAt: new Date().toISOString(),
  }
}

/**
 * `chat_messages` `_id` → VOD offset of every message the simulator holds. SOOP rows have no id on
 * the wire; the platform client's id (part, kind, part-local ms, user) is rebuilt from the truth.
 */
export function expectedMessages(sim: SimHandle, video: VideoExtractedV1): Map<string, number> {
  const expected = new Map<string, number>()
  for (const m of sim.chat(video.platform, video.videoId)) {
    let id = m.id
    if (video.platform === 'soop') {
      const part = [...video.parts].reverse().find((p) => m.offsetMs >= p.startSec * 1000) ?? video.parts[0]!
      const localMs = m.offsetMs - Math.round(part.startSec * 1000)
      id = `${part.partId}:${m.kind === 'donation' ? 'b' : 'c'}:${localMs}:${m.authorId}`
    }
    expected.set(`${video.platform}:${id}`, m.offsetMs)
  }
  return expected
}

/** Order-independent fingerprint of (id, offset) pairs, to compare a crawl with the truth. */
export function digest(messages: ReadonlyMap<string, number>): string {
  const lines = [...messages].map(([id, offsetMs]) => `${id}@${offsetMs}`).sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}
