import type { AudioSource } from '../types.js'
import type { YoutubeInnertube } from './innertube.js'

/** The best audio-only format, its URL deciphered by youtubei.js with the current player script. */
export async function youtubeAudio(innertube: YoutubeInnertube, videoId: string): Promise<AudioSource> {
  return { index: 0, kind: 'file', url: await innertube.audioUrl(videoId) }
}
