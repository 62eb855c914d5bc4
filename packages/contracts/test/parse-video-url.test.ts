import { describe, expect, it } from 'vitest'
import { type LinkRejectionReason, parseVideoUrl } from '../src/index.js'

const accepted: Array<[string, string]> = [
  ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s', 'youtube:dQw4w9WgXcQ'],
  ['http://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['https://m.youtube.com/watch?v=a-b_c1D2e3F', 'youtube:a-b_c1D2e3F'],
  ['https://youtu.be/dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['https://youtu.be/dQw4w9WgXcQ?si=abc&t=10', 'youtube:dQw4w9WgXcQ'],
  ['https://www.youtube.com/live/dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['https://www.youtube.com/shorts/dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['youtu.be/dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['  https://WWW.YouTube.com/watch?v=dQw4w9WgXcQ  ', 'youtube:dQw4w9WgXcQ'],
  ['https://www.youtube.com./watch?v=dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
  ['https://www.twitch.tv/videos/2154875412', 'twitch:2154875412'],
  ['https://twitch.tv/videos/123', 'twitch:123'],
  ['https://m.twitch.tv/videos/123?t=1h2m3s', 'twitch:123'],
  ['twitch.tv/videos/987654321', 'twitch:987654321'],
  ['https://vod.sooplive.co.kr/player/128473621', 'soop:128473621'],
  ['https://vod.afreecatv.com/player/98765', 'soop:98765'],
  ['https://vod.sooplive.co.kr/player/128473621/', 'soop:128473621'],
  // The 2026 host (yt-dlp extractor/afreecatv.py `_VALID_URL`, read 2026-12), and its station form.
  ['https://vod.sooplive.com/player/192805325', 'soop:192805325'],
  ['vod.sooplive.com/player/192805325?change_second=10', 'soop:192805325'],
  ['https://vod.sooplive.com/PLAYER/STATION/20515605', 'soop:20515605'],
  ['https://www.youtube.com:443/watch?v=dQw4w9WgXcQ', 'youtube:dQw4w9WgXcQ'],
]

const rejected: Array<[unknown, LinkRejectionReason]> = [
  [42, 'not_a_string'],
  [null, 'not_a_string'],
  [undefined, 'not_a_string'],
  [{ $gt: '' }, 'not_a_string'],
  [['https://youtu.be/dQw4w9WgXcQ'], 'not_a_string'],
  ['', 'empty'],
  ['   \t\n ', 'empty'],
  [`https://youtu.be/${'a'.repeat(3000)}`, 'too_long'],
  ['https://', 'invalid_url'],
  ['http://exa mple.com/', 'invalid_url'],
  ['file:///etc/passwd', 'unsupported_scheme'],
  ['javascript:alert(1)', 'unsupported_scheme'],
  ['data:text/html,<script>alert(1)</script>', 'unsupported_scheme'],
  ['ftp://youtube.com/watch?v=dQw4w9WgXcQ', 'unsupported_scheme'],
  ['https://youtube.com@evil.test/watch?v=dQw4w9WgXcQ', 'userinfo_not_allowed'],
  ['https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ', 'userinfo_not_allowed'],
  ['https://www.youtube.com:8080/watch?v=dQw4w9WgXcQ', 'port_not_allowed'],
  ['http://127.0.0.1/', 'ip_literal_not_allowed'],
  ['http://[::1]/', 'ip_literal_not_allowed'],
  ['http://169.254.169.254/latest/meta-data/', 'ip_literal_not_allowed'],
  ['http://2130706433/', 'ip_literal_not_allowed'],
  ['http://0x7f.0.0.1/', 'ip_literal_not_allowed'],
  ['https://youtube.com.evil.test/watch?v=dQw4w9WgXcQ', 'host_not_allowed'],
  ['https://evilyoutube.com/watch?v=dQw4w9WgXcQ', 'host_not_allowed'],
  ['https://www.youtube.co/watch?v=dQw4w9WgXcQ', 'host_not_allowed'],
  ['https://example.com/videos/123', 'host_not_allowed'],
  ['https://localhost/watch?v=dQw4w9WgXcQ', 'host_not_allowed'],
  ['https://clips.twitch.tv/videos/123', 'host_not_allowed'],
  ['https://xn--yutube-wqf.com/watch?v=dQw4w9WgXcQ', 'host_not_allowed'],
  ['https://yоutube.com/watch?v=dQw4w9WgXcQ', 'host_not_allowed'],
  ['https://www.youtube.com/', 'unrecognized_path'],
  ['https://www.youtube.com/channel/UC123', 'unrecognized_path'],
  ['https://www.youtube.com/watch', 'unrecognized_path'],
  ['https://www.twitch.tv/someone', 'unrecognized_path'],
  ['https://www.twitch.tv/videos/', 'unrecognized_path'],
  ['https://vod.sooplive.co.kr/player/', 'unrecognized_path'],
  ['https://vod.sooplive.co.kr/player/123/catch/9', 'unrecognized_path'],
  ['https://vod.sooplive.com/PLAYER/STATION', 'unrecognized_path'],
  ['https://sooplive.com/player/123', 'host_not_allowed'],
  ['https://www.youtube.com/watch?v=short', 'invalid_video_id'],
  ['https://youtu.be/dQw4w9WgXcQ%2F..%2F', 'invalid_video_id'],
  ['https://www.twitch.tv/videos/12ab', 'invalid_video_id'],
  ['https://vod.afreecatv.com/player/-1', 'invalid_video_id'],
]

describe('parseVideoUrl', () => {
  it.each(accepted)('accepts %s as %s', (input, videoKey) => {
    const result = parseVideoUrl(input)
    expect(result).toMatchObject({ ok: true, videoKey })
    if (result.ok) expect(`${result.platform}:${result.videoId}`).toBe(videoKey)
  })

  it.each(rejected)('rejects %j with %s', (input, reason) => {
    const result = parseVideoUrl(input)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.reason).toBe(reason)
      expect(result.message.length).toBeGreaterThan(10)
    }
  })

  it('covers at least 40 links', () => {
    expect(accepted.length + rejected.length).toBeGreaterThanOrEqual(40)
  })
})
