import { describe, expect, it } from 'vitest'
import { parseMasterPlaylist } from '../src/hls.js'
import { parseRows } from '../src/soop/chat.js'
import { scriptJson } from '../src/youtube/page-json.js'

describe('SOOP chat XML', () => {
  const part = { index: 1, partId: '20240501_ABCDEF12_123_2', startSec: 7200, durationSec: 3600 }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<root><chat><m><![CDATA[hi <b>there</b> & ]]></m><u>kazumi_42(2)</u><n><![CDATA[Kazumi]]></n><t>12.345</t></chat>
<balloon><u>rich_1</u><n><![CDATA[Rich]]></n><c>100</c><t>13.5</t></balloon></root>`

  it('should read chat rows and balloons, strip the login suffix and shift by the part start', () => {
    expect(parseRows(xml, part)).toEqual([
      {
        id: '20240501_ABCDEF12_123_2:c:12345:kazumi_42',
        offsetMs: 7_212_345,
        authorId: 'kazumi_42',
        authorName: 'Kazumi',
        text: 'hi <b>there</b> & ',
        kind: 'chat',
      },
      {
        id: '20240501_ABCDEF12_123_2:b:13500:rich_1',
        offsetMs: 7_213_500,
        authorId: 'rich_1',
        authorName: 'Rich',
        text: '',
        kind: 'donation',
        amount: 100,
      },
    ])
  })
})

describe('HLS master playlist', () => {
  it('should resolve variant URLs against the playlist and keep quoted attributes whole', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=6000000,CODECS="avc1.64002A,mp4a.40.2",VIDEO="chunked"',
      'chunked/index-dvr.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=40000,CODECS="mp4a.40.2",VIDEO="audio_only"',
      'https://cdn.example/audio_only/index-dvr.m3u8',
    ].join('\n')
    const variants = parseMasterPlaylist(text, 'https://usher.example/vod/1.m3u8?sig=x')
    expect(variants.map((v) => v.url)).toEqual([
      'https://usher.example/vod/chunked/index-dvr.m3u8',
      'https://cdn.example/audio_only/index-dvr.m3u8',
    ])
    expect(variants[0]?.attributes.CODECS).toBe('avc1.64002A,mp4a.40.2')
  })
})

describe('YouTube page data', () => {
  it('should extract the object after a marker even with braces and quotes inside strings', () => {
    const html = `<html><script>var a = 1;</script><script>var ytInitialData = {"t":"a } \\" {","n":{"x":[1,2]}};var other = {};</script></html>`
    expect(scriptJson(html, 'ytInitialData = ')).toEqual({ t: 'a } " {', n: { x: [1, 2] } })
    expect(scriptJson(html, 'missing = ')).toBeUndefined()
  })
})
