import { describe, expect, it } from 'vitest'
import { WELL_KNOWN_VIDEOS } from '../src/index.js'
import { startTestSim } from './helpers.js'

const { soopMultipart, soopDeleted, soopPrivate } = WELL_KNOWN_VIDEOS

async function vodInfo(url: string, titleNo: string) {
  const response = await fetch(`${url}/station/video/a/view`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ nTitleNo: titleNo, nApiLevel: '10' }),
  })
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return (await response.json()) as any
}

describe('soop', () => {
  it('should describe a long broadcast as parts whose durations add up, each with chat and playlist', async () => {
    const sim = await startTestSim()
    const { result, data } = await vodInfo(sim.url, soopMultipart.videoId)
    expect(result).toBe(1)
    expect(data.total_file_duration).toBe(soopMultipart.durationSec * 1000)
    expect(data.files).toHaveLength(3)
    expect(data.files.reduce((s: number, f: any) => s + f.duration, 0)).toBe(data.total_file_duration)
    expect(data.files[1].chat).toBe(
      `${sim.url}/php/ChatLoadSplit.php?rowKey=${data.files[1].file_info_key}_c`,
    )
    expect(data.broad_start).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
  })

  it('should answer -6221 for a deleted VOD and -6205 for a private one', async () => {
    const sim = await startTestSim()
    expect(await vodInfo(sim.url, soopDeleted.videoId)).toMatchObject({ result: -1, data: { code: -6221 } })
    expect(await vodInfo(sim.url, soopPrivate.videoId)).toMatchObject({ result: -1, data: { code: -6205 } })
  })

  it('should serve a 300 s chat window of part-relative rows that overlaps the next window', async () => {
    const sim = await startTestSim()
    const part = sim.truth('soop', soopMultipart.videoId).parts[1]!
    const window = async (startTime: number) => {
      const response = await fetch(
        `${sim.url}/php/ChatLoadSplit.php?rowKey=${part.partId}_c&startTime=${startTime}`,
      )
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/)
      return response.text()
    }
    const xml = await window(600)
    const times = [...xml.matchAll(/<t>([\d.]+)<\/t>/g)].map((m) => Number(m[1]))
    expect(Math.min(...times)).toBeGreaterThanOrEqual(600)
    expect(Math.max(...times)).toBeGreaterThan(900)
    expect(Math.max(...times)).toBeLessThan(906)
    expect(xml).toMatch(/<chat><m><!\[CDATA\[.*?\]\]><\/m><u>[^<]+<\/u><n><!\[CDATA\[/)
    const truth = sim.chat('soop', soopMultipart.videoId, part.startSec + 600, part.startSec + 900)
    expect(times.filter((t) => t < 900)).toHaveLength(truth.length)
  })
})
