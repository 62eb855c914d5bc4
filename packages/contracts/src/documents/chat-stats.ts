/** Authors seen in one minute of VOD time (`minute` = floor(offsetSec / 60)). */
export interface MinuteChatters {
  minute: number
  authorIds: string[]
}

/**
 * `chat_stats`: one document per (videoKey, chunk), `_id` `chatStatsId(videoKey, chunkIndex)`, written
 * by the chat crawler. `counts[i]` is the number of messages in second `startSec + i` of VOD time.
 * Chunks may share their boundary second (SOOP parts start at fractional seconds): readers add counts
 * of the same second. Fusion and the gateway's timeline read `startSec` and `counts`; `chatters` and
 * the rest serve the chat fan-in.
 */
export interface ChatStatsDocument {
  _id: string
  videoKey: string
  chunkIndex: number
  startSec: number
  /** The chunk's end in VOD time (fractional); the last chunk's is the VOD's length. */
  endSec: number
  counts: number[]
  chatters: MinuteChatters[]
  messageCount: number
  jobId: string
  /** How many chunks the video's chat was split into; every chunk's document repeats it. */
  chunkCount: number
  updatedAt: Date
}

export function chatStatsId(videoKey: string, chunkIndex: number): string {
  return `${videoKey}:${chunkIndex}`
}
