import { mediaBase, PLAYLIST_FILE } from '../audio/paths.js'
import type { Vod } from '../model/vod.js'

/**
 * Usher's master playlist for a VOD. The simulator has no video: the `chunked` (source) rendition is
 * listed, as Twitch lists it first, but not served, so a client that does not pick `audio_only` fails.
 */
export function renderMaster(origin: string, vod: Vod): string {
  const base = mediaBase(origin, 'twitch', vod.videoId, 0)
  return [
    '#EXTM3U',
    '#EXT-X-TWITCH-INFO:ORIGIN="s3",B="false",REGION="SIM",USER-IP="127.0.0.1",CLUSTER="cloudfront_vod",MANIFEST-CLUSTER="cloudfront_vod"',
    '#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="chunked",NAME="1080p60",AUTOSELECT=NO,DEFAULT=NO',
    '#EXT-X-STREAM-INF:BANDWIDTH=6000000,CODECS="avc1.64002A,mp4a.40.2",RESOLUTION=1920x1080,VIDEO="chunked",FRAME-RATE=60.000',
    `${base}/chunked/${PLAYLIST_FILE}`,
    '#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="audio_only",NAME="Audio Only",AUTOSELECT=NO,DEFAULT=NO',
    '#EXT-X-STREAM-INF:BANDWIDTH=40000,CODECS="mp4a.40.2",VIDEO="audio_only"',
    `${base}/${PLAYLIST_FILE}`,
    '',
  ].join('\n')
}
