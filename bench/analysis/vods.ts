import { readdirSync, readFileSync } from 'node:fs'
import type { Platform } from '@vodscope/contracts'
import type { SimHandle } from '@vodscope/upstream-sim'

export interface BenchVod {
  platform: Platform
  videoId: string
  link: string
}

/**
 * `count` distinct simulator VODs of `minutes` each with `ratePerMin` base chat messages per minute,
 * alternating Twitch and SOOP. Encoded ids: 77 + minutes (4 digits) + rate (3 digits) + a free
 * 3-digit index, so every VOD is a different video with its own seeded chat and loud moments.
 */
export function benchVods(count: number, minutes: number, ratePerMin: number): BenchVod[] {
  return Array.from({ length: count }, (_, i) => {
    const videoId = `77${String(minutes).padStart(4, '0')}${String(ratePerMin).padStart(3, '0')}${String(i).padStart(3, '0')}`
    const platform: Platform = i % 2 === 0 ? 'twitch' : 'soop'
    const link =
      platform === 'twitch'
        ? `https://www.twitch.tv/videos/${videoId}`
        : `https://vod.sooplive.co.kr/player/${videoId}`
    return { platform, videoId, link }
  })
}

/** CPU seconds of this process's reaped children (cutime + cstime of /proc/self/stat). */
export function reapedChildrenCpuSec(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[13]) + Number(fields[14])) / 100 // USER_HZ
}

/** Files under the simulator's audio cache: every tile or `.m4a` the simulator encodes is written there. */
export function cacheFileCount(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
  } catch {
    return 0
  }
}

export interface WarmPass {
  ms: number
  requests: number
  /** CPU of ffmpeg processes the simulator ran (and this process reaped) during the pass. */
  encodeCpuSec: number
  newCacheFiles: number
}

/**
 * Requests every part's playlist and first segment once. The simulator's first media request encodes
 * its sound tiles with ffmpeg (or reads them from the cache dir) and builds each part's frame
 * timeline (an in-process LRU); after that a segment is assembled from cached AAC frames in Node
 * without ffmpeg. Call it twice: the second pass shows what is left, which should be no encoding.
 * The worker processes are children of this process too, but are reaped only when they stop, so
 * the reaped-children CPU moves only for the simulator's ffmpeg runs.
 */
export async function warmSimAudio(
  sim: SimHandle,
  vods: readonly BenchVod[],
  cacheDir: string,
): Promise<WarmPass> {
  const cpu0 = reapedChildrenCpuSec()
  const files0 = cacheFileCount(cacheDir)
  const t0 = performance.now()
  let requests = 0
  for (const vod of vods) {
    for (const part of sim.truth(vod.platform, vod.videoId).parts) {
      const base = `${sim.url}/media/${vod.platform}/${vod.videoId}/${part.index}`
      const playlist = await fetch(`${base}/index.m3u8`)
      const text = await playlist.text()
      const first = text.split('\n').find((line) => line.endsWith('.aac'))
      if (!playlist.ok || first === undefined)
        throw new Error(`warm-up: ${base}/index.m3u8 answered ${playlist.status}`)
      const segment = await fetch(`${base}/${first}`)
      await segment.arrayBuffer()
      if (!segment.ok) throw new Error(`warm-up: ${base}/${first} answered ${segment.status}`)
      requests += 2
    }
  }
  return {
    ms: performance.now() - t0,
    requests,
    encodeCpuSec: reapedChildrenCpuSec() - cpu0,
    newCacheFiles: cacheFileCount(cacheDir) - files0,
  }
}
