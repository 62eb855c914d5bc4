import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { defaultFfmpegPath } from '../src/audio/ffmpeg.js'
import { audioDefaults } from '../src/audio/options.js'
import { momentLevelDb } from '../src/audio/tiles.js'
import { WELL_KNOWN_VIDEOS } from '../src/index.js'
import type { Moment } from '../src/model/vod.js'
import { playbackSecrets, transformN } from '../src/youtube/player-js.js'
import { startTestSim } from './helpers.js'

/** Per-second RMS level (dBFS) of `seconds` of audio from `fromSec`, decoded by ffmpeg as a client would. */
function levels(url: string, fromSec: number, seconds: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const rate = 8000
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-ss',
      String(fromSec),
      '-i',
      url,
      '-t',
      String(seconds),
      '-ac',
      '1',
      '-ar',
      String(rate),
      '-f',
      's16le',
      '-',
    ]
    const child = spawn(defaultFfmpegPath(), args, { stdio: ['ignore', 'pipe', 'inherit'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg exited with ${code}`))
      const pcm = Buffer.concat(chunks)
      const out: number[] = []
      for (let s = 0; (s + 1) * rate * 2 <= pcm.length; s++) {
        let sum = 0
        for (let i = 0; i < rate; i++) sum += pcm.readInt16LE((s * rate + i) * 2) ** 2
        out.push(10 * Math.log10(sum / rate / 32768 ** 2))
      }
      resolve(out)
    })
  })
}

/** 6 dB under the level the moment's strength is rendered at (the roar's envelope dips that far). */
const loudFloor = (moment: Moment) => momentLevelDb(audioDefaults(), moment.strength) - 6

describe('audio', () => {
  it('should serve HLS whose loud moment is loud exactly where the truth says, over a quiet bed', async () => {
    const sim = await startTestSim()
    const { videoId } = WELL_KNOWN_VIDEOS.twitchHour
    const moment = sim.truth('twitch', videoId).loudMoments[1]!
    const playlist = `${sim.url}/media/twitch/${videoId}/0/index.m3u8`
    const response = await fetch(playlist)
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl')
    expect(await response.text()).toContain('#EXT-X-ENDLIST')
    const db = await levels(playlist, moment.atSec - 4, 12)
    const before = db.slice(0, 3)
    const during = db.slice(5, 4 + moment.durationSec - 1)
    expect(Math.max(...before)).toBeLessThan(-28)
    expect(Math.min(...during)).toBeGreaterThan(loudFloor(moment))
  })

  it('should put a loud moment of a later SOOP part at its part-relative time', async () => {
    const sim = await startTestSim()
    const { videoId } = WELL_KNOWN_VIDEOS.soopMultipart
    const truth = sim.truth('soop', videoId)
    const part = truth.parts[2]!
    const moment = truth.loudMoments.find((m) => m.atSec > part.startSec + 10)!
    const db = await levels(
      `${sim.url}/media/soop/${videoId}/2/index.m3u8`,
      moment.atSec - part.startSec - 3,
      6,
    )
    expect(Math.max(...db.slice(0, 2))).toBeLessThan(-28)
    expect(Math.min(...db.slice(4, 6))).toBeGreaterThan(loudFloor(moment))
  })

  it('should serve a YouTube .m4a with byte ranges that ffmpeg can seek in', async () => {
    const sim = await startTestSim()
    const { videoId } = WELL_KNOWN_VIDEOS.youtubeStream
    const { n, sig } = playbackSecrets(videoId)
    const plain = `${sim.url}/videoplayback?id=${videoId}&itag=140`
    // As YouTube: a URL whose signature and n were not run through the player script is refused.
    expect((await fetch(`${plain}&n=${n}`)).status).toBe(403)
    const url = `${plain}&sig=${sig}&n=${transformN(n)}`
    const partial = await fetch(url, { headers: { range: 'bytes=0-99' } })
    expect(partial.status).toBe(206)
    expect(partial.headers.get('content-type')).toBe('audio/mp4')
    expect(partial.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/)
    expect((await partial.arrayBuffer()).byteLength).toBe(100)
    const moment = sim.truth('youtube', videoId).loudMoments[0]!
    const db = await levels(url, moment.atSec - 3, 6)
    expect(Math.max(...db.slice(0, 2))).toBeLessThan(-28)
    expect(Math.min(...db.slice(4, 6))).toBeGreaterThan(loudFloor(moment))
  })

  it('should refuse the media of deleted and private videos', async () => {
    const sim = await startTestSim()
    expect(
      (await fetch(`${sim.url}/media/twitch/${WELL_KNOWN_VIDEOS.twitchDeleted.videoId}/0/index.m3u8`)).status,
    ).toBe(404)
    expect(
      (await fetch(`${sim.url}/media/soop/${WELL_KNOWN_VIDEOS.soopPrivate.videoId}/0/index.m3u8`)).status,
    ).toBe(403)
  })
})
