import { describe, expect, it } from 'vitest'
import {
  checkMediaUrl,
  DEFAULT_MEDIA_URL_POLICY,
  ffmpegProtocols,
  mediaUrlPolicyFromEnv,
  redactUrl,
} from '../src/media-url.js'

const policy = DEFAULT_MEDIA_URL_POLICY

describe('checkMediaUrl', () => {
  it('should accept https media on the platform’s own media hosts', () => {
    expect(
      checkMediaUrl('https://d1m7jfoe9zdc1j.cloudfront.net/abc/chunked/index-dvr.m3u8', 'twitch', policy),
    ).toMatch(/^https:\/\/d1m7jfoe9zdc1j/)
    expect(checkMediaUrl('https://vod-secure.twitch.tv/x/720p/index.m3u8', 'twitch', policy)).toBeTruthy()
    expect(
      checkMediaUrl('https://vod-archive-global-cdn-z02.sooplive.co.kr/v/1/file.m3u8', 'soop', policy),
    ).toBeTruthy()
    expect(
      checkMediaUrl('https://rr3---sn-abc.googlevideo.com/videoplayback?sig=1', 'youtube', policy),
    ).toBeTruthy()
  })

  it.each([
    ['file:///etc/passwd', 'soop'],
    ['http://169.254.169.254/latest/meta-data/', 'soop'],
    ['https://169.254.169.254/latest/meta-data/', 'soop'],
    ['https://[::1]/x.m3u8', 'twitch'],
    ['https://10.0.0.1/x.m3u8', 'twitch'],
    ['http://vod-secure.twitch.tv/x.m3u8', 'twitch'],
    ['https://vod-secure.twitch.tv:8443/x.m3u8', 'twitch'],
    ['https://user:pw@vod-secure.twitch.tv/x.m3u8', 'twitch'],
    ['https://eviltwitch.tv/x.m3u8', 'twitch'],
    ['https://ttvnw.net.evil.example/x.m3u8', 'twitch'],
    ['https://googlevideo.com.evil.example/x', 'youtube'],
    ['https://vod-secure.twitch.tv/x.m3u8', 'soop'], // another platform's host
    ['gopher://127.0.0.1:27017/_', 'youtube'],
    ['/etc/passwd', 'soop'],
    ['concat:/etc/passwd|/etc/hosts', 'soop'],
    ['not a url', 'soop'],
  ] as const)('should refuse %s for %s with a final error', (url, platform) => {
    expect(() => checkMediaUrl(url, platform, policy)).toThrow(
      expect.objectContaining({ code: 'PLATFORM_MEDIA_URL_REFUSED', retryable: false }),
    )
  })

  it('should leave the query string out of its message', () => {
    expect(() => checkMediaUrl('http://10.0.0.1/x?sig=SECRET&ip=1.2.3.4', 'soop', policy)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('SECRET') }),
    )
  })

  it('should accept a configured simulator origin, http and IP literal included, and nothing else on it', () => {
    const sim = mediaUrlPolicyFromEnv({ VODSCOPE_UPSTREAM_URL: 'http://127.0.0.1:4010' })
    expect(checkMediaUrl('http://127.0.0.1:4010/media/twitch/1/0/index.m3u8', 'twitch', sim)).toBeTruthy()
    expect(() => checkMediaUrl('http://127.0.0.1:4011/x.m3u8', 'twitch', sim)).toThrow(/not https|only https/)
    const explicit = mediaUrlPolicyFromEnv({ VODSCOPE_MEDIA_ORIGINS: 'http://10.1.1.1:8080' })
    expect(checkMediaUrl('http://10.1.1.1:8080/a.m3u8', 'soop', explicit)).toBeTruthy()
    const hosts = mediaUrlPolicyFromEnv({ VODSCOPE_MEDIA_HOSTS: 'media.example.net' })
    expect(checkMediaUrl('https://cdn.media.example.net/a.m3u8', 'soop', hosts)).toBeTruthy()
  })

  it('should accept local paths only when asked to (tests)', () => {
    expect(() => checkMediaUrl('/tmp/a.wav', 'soop', policy)).toThrow()
    const local = mediaUrlPolicyFromEnv({ VODSCOPE_MEDIA_LOCAL_FILES: '1' })
    expect(checkMediaUrl('/tmp/a.wav', 'soop', local)).toBe('/tmp/a.wav')
  })

  it('should fail fast on a bad setting, naming it', () => {
    expect(() => mediaUrlPolicyFromEnv({ VODSCOPE_MEDIA_HOSTS: '127.0.0.1' })).toThrow(/VODSCOPE_MEDIA_HOSTS/)
    expect(() => mediaUrlPolicyFromEnv({ VODSCOPE_MEDIA_ORIGINS: 'file:///x' })).toThrow(
      /VODSCOPE_MEDIA_ORIGINS/,
    )
  })
})

describe('ffmpegProtocols', () => {
  it('should allow what HLS over https needs, http only for an http origin, file only for local files', () => {
    expect(ffmpegProtocols(policy)).toBe('https,tls,tcp,crypto')
    expect(ffmpegProtocols(mediaUrlPolicyFromEnv({ VODSCOPE_UPSTREAM_URL: 'http://127.0.0.1:4010' }))).toBe(
      'https,tls,tcp,crypto,http',
    )
    expect(ffmpegProtocols(mediaUrlPolicyFromEnv({ VODSCOPE_MEDIA_LOCAL_FILES: 'true' }))).toContain('file')
  })
})

describe('redactUrl', () => {
  it('should drop query strings and fragments inside a message', () => {
    expect(redactUrl('fetching https://a.example/x.m3u8?sig=1&ip=2 failed: 403')).toBe(
      'fetching https://a.example/x.m3u8 failed: 403',
    )
  })
})
