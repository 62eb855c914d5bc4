/**
 * SOOP VODs that answer in one of SOOP's less common ways (upstreams.md, 2026-12). Encoded ids
 * (`77MMMMRRR` + free digits), so their duration and chat rate follow the usual rule.
 * - `adult`: `result: 1` but `files: []` and `adult_status: "notLogin"` (adult VOD, no login);
 * - `subscribers`: `files: []` and a `sub_upload_type` (subscriber-only VOD);
 * - `missingPart`: five hours in three parts, the second not listed (`file_order` 1 and 3);
 * - `shortChatWindow`: `chat_duration: 120`, so chat windows are 120 s, not 300 s.
 */
export const SOOP_VARIANTS = {
  adult: '770015060000501',
  subscribers: '770015060000502',
  missingPart: '770300030000503',
  shortChatWindow: '770030060000504',
} as const

/** The chat window SOOP reports in `chat_duration`, seconds. */
export const CHAT_WINDOW_SEC = 300

export function chatWindowSec(videoId: string): number {
  return videoId === SOOP_VARIANTS.shortChatWindow ? 120 : CHAT_WINDOW_SEC
}

/** `file_order`s (1-based) the VOD info leaves out. */
export function missingParts(videoId: string): number[] {
  return videoId === SOOP_VARIANTS.missingPart ? [2] : []
}

export function restriction(videoId: string): 'adult' | 'subscribers' | undefined {
  if (videoId === SOOP_VARIANTS.adult) return 'adult'
  if (videoId === SOOP_VARIANTS.subscribers) return 'subscribers'
  return undefined
}
