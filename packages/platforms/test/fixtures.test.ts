import { describe, expect, it } from 'vitest'
import { parseMasterPlaylist } from '../src/hls.js'
import { parseRows } from '../src/soop/chat.js'
import { readVodInfo } from '../src/soop/vod-info.js'
import { isAudioOnly } from '../src/twitch/audio.js'
import { readCommentsPage } from '../src/twitch/chat.js'
import * as soop from './fixtures/soop.js'
import * as twitch from './fixtures/twitch.js'

describe('twitch fixtures', () => {
  it('should pick the audio-only rendition of a usher v2 playlist (STABLE-VARIANT-ID) and of a v1 one (VIDEO)', () => {
    const v2 = parseMasterPlaylist(twitch.USHER_V2_MASTER, 'https://usher.ttvnw.net/vod/v2/1.m3u8?sig=x')
    expect(v2.find(isAudioOnly)?.url).toBe(
      'https://d1m7jfoe9zdc1j.cloudfront.net/abc_example_1234/audio_only/index-dvr.m3u8',
    )
    const v1 = parseMasterPlaylist(twitch.USHER_V1_MASTER, 'https://usher.ttvnw.net/vod/1.m3u8?sig=x')
    expect(v1.find(isAudioOnly)?.url).toBe('https://usher.ttvnw.net/vod/audio_only/index-dvr.m3u8')
    expect(v2.filter(isAudioOnly)).toHaveLength(1)
  })

  it('should read a comments page, and comments: null as "retry" rather than an error', () => {
    const page = readCommentsPage('2300000001', twitch.COMMENTS_PAGE)
    expect(page?.hasNextPage).toBe(true)
    expect(page?.edges.map((e) => e.node?.contentOffsetSeconds)).toEqual([61, 62])
    expect(readCommentsPage('2300000001', twitch.COMMENTS_NULL)).toBeNull()
    expect(readCommentsPage('2300000001', twitch.COMMENTS_PAST_END)).toEqual({
      edges: [],
      hasNextPage: false,
    })
  })

  it('should read the integrity refusal as chat unavailable, not as a missing video or a bad response', () => {
    expect(() => readCommentsPage('2300000001', twitch.COMMENTS_INTEGRITY)).toThrow(
      expect.objectContaining({ code: 'PLATFORM_CHAT_UNAVAILABLE', retryable: false }),
    )
  })
})

describe('soop fixtures', () => {
  it('should place a part after a missing one by total_file_duration', () => {
    const info = readVodInfo('192805325', soop.VOD_INFO_MISSING_PART)
    expect(info.durationSec).toBe(21_600)
    expect(info.parts.map((p) => [p.index, p.partId, p.startSec, p.durationSec])).toEqual([
      [0, '20260414_1B44E53B_293230967_1', 0, 7200],
      [1, '20260414_1B44E53B_293230967_3', 14_400, 7200],
    ])
  })

  it('should carry chat_duration on every part', () => {
    expect(readVodInfo('192805325', soop.VOD_INFO_SHORT_WINDOW).parts[0]?.chatWindowSec).toBe(180)
  })

  it('should read files: [] as private: adult without login, or subscribers only', () => {
    expect(() => readVodInfo('192805325', soop.VOD_INFO_ADULT)).toThrow(
      expect.objectContaining({
        code: 'PLATFORM_VIDEO_PRIVATE',
        message: expect.stringContaining('adults only'),
      }),
    )
    expect(() => readVodInfo('192805325', soop.VOD_INFO_SUBSCRIBERS)).toThrow(
      expect.objectContaining({
        code: 'PLATFORM_VIDEO_PRIVATE',
        message: expect.stringContaining('subscribers only'),
      }),
    )
  })

  it('should read chat, ogq and balloon rows leniently: bad entities kept, rows without time or cut off skipped', () => {
    const part = { index: 1, partId: '20260414_1B44E53B_293230967_2', startSec: 7200, durationSec: 7200 }
    const rows = parseRows(soop.CHAT_XML_MESSY, part)
    expect(rows.map((r) => [r.kind, r.offsetMs, r.authorId, r.authorName, r.text, r.amount])).toEqual([
      ['chat', 7_501_250, 'viewer_1', '시청자1', 'ㅋㅋㅋ & <3', undefined],
      ['chat', 7_502_500, 'sticker_fan', '스티커팬', 'gg', undefined],
      [
        'chat',
        7_503_000,
        'viewer_2',
        'Viewer & Two',
        expect.stringMatching(/^fish & chips .* ok$/),
        undefined,
      ],
      ['donation', 7_504_750, 'rich_1', 'Rich', '', 500],
    ])
    expect(new Set(rows.map((r) => r.id)).size).toBe(4)
  })
})
