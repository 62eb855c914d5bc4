import ytdl from '@distube/ytdl-core'
import { PlatformError } from '../errors.js'
import type { AudioSource } from '../types.js'
import type { Ytdl } from './ytdl.js'

/** The best audio-only format with a plain URL, as ytdl-core ranks them. */
export async function youtubeAudio(client: Ytdl, videoId: string): Promise<AudioSource> {
  const info = await client.info(videoId)
  let format: ytdl.videoFormat
  try {
    format = ytdl.chooseFormat(info.formats, { quality: 'highestaudio', filter: 'audioonly' })
  } catch (cause) {
    throw new PlatformError('unavailable', `YouTube video ${videoId} has no audio-only format.`, {
      platform: 'youtube',
      cause,
    })
  }
  return { index: 0, kind: 'file', url: format.url }
}
