import type { Platform } from '@vodscope/contracts'

/** Where the simulator serves a part's audio; platforms hand these URLs out as their media URLs. */
export function mediaBase(origin: string, platform: Platform, videoId: string, partIndex: number): string {
  return `${origin}/media/${platform}/${videoId}/${partIndex}`
}

export const PLAYLIST_FILE = 'index.m3u8'
export const M4A_FILE = 'audio.m4a'
