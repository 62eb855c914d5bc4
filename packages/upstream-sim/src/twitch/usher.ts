import { mediaBase, PLAYLIST_FILE } from '../audio/paths.js'
import type { Vod } from '../model/vod.js'

/**
 * Usher's master playlist for a VOD. The simulator has no video: the source rendition is listed, as
 * Twitch lists it, but not served, so a client that does not pick the audio-only one fails.
 * - v1 (`/vod/N.m3u8`): `#EXT-X-MEDIA` groups, the audio rendition `VIDEO="audio_only"` (streamlink
 *   tests/resources/hls/test_master_twitch_vod.m3u8);
 * - v2 (`/vod/v2/N.m3u8`): no media groups, `STABLE-VARIANT-ID="audio_only"` and `IVS-NAME` (streamlink
 *   tests/resources/hls/test_multivariant_twitch_usher_v2.m3u8, read 2026-12).
 */
export function renderMaster(origin: string, vod: Vod, version: 1 | 2 = 1): string {
  const base = mediaBase(origin, 'twitch', vod.videoId, 0)
  const info =
    '#EXT-X-TWITCH-INFO:ORIGIN="s3",B="false",REGION="SIM",USER-IP="127.0.0.1",CLUSTER="cloudfront_vod",MANIFEST-CLUSTER="cloudfront_vod"'
  if (version === 2) {
    return [
      '#EXTM3U',
      info,
      '#EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1920x1080,CODECS="avc1.64002A,mp4a.40.2",FRAME-RATE=60.000,STABLE-VARIANT-ID="chunked",IVS-NAME="1080p60",IVS-VARIANT-SOURCE="source"',
      `${base}/chunked/${PLAYLIST_FILE}`,
      '#EXT-X-STREAM-INF:BANDWIDTH=160000,CODECS="mp4a.40.2",STABLE-VARIANT-ID="audio_only",IVS-NAME="audio_only",IVS-VARIANT-SOURCE="transcode"',
      `${base}/${PLAYLIST_FILE}`,
      '',
    ].join('\n')
  }
  return [
    '#EXTM3U',
    info,
    '#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="chunked",NAME="1080p60",AUTOSELECT=NO,DEFAULT=NO',
    '#EXT-X-STREAM-INF:BANDWIDTH=6000000,CODECS="avc1.64002A,mp4a.40.2",RESOLUTION=1920x1080,VIDEO="chunked",FRAME-RATE=60.000',
    `${base}/chunked/${PLAYLIST_FILE}`,
    '#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="audio_only",NAME="Audio Only",AUTOSELECT=NO,DEFAULT=NO',
    '#EXT-X-STREAM-INF:BANDWIDTH=40000,CODECS="mp4a.40.2",VIDEO="audio_only"',
    `${base}/${PLAYLIST_FILE}`,
    '',
  ].join('\n')
}
