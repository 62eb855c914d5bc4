import { join } from 'node:path'
import { LOUD_MOMENT_SEC, type Vod } from '../model/vod.js'
import { framesPerSegment, renderPlaylist, renderSegment } from './hls.js'
import { writeM4a } from './m4a.js'
import type { AudioOptions } from './options.js'
import { loadTiles } from './tiles.js'
import { type PartTimeline, partTimeline } from './timeline.js'

/** Bump when the assembly changes, so stale cached files are not served. */
const M4A_VERSION = 2

/** A VOD part's audio as HLS (built per request) or as one `.m4a` (rendered once, cached on disk). */
export class AudioMedia {
  readonly #options: AudioOptions
  readonly #perSegment: number
  readonly #rendering = new Map<string, Promise<string>>()
  readonly #waiting: Array<() => void> = []
  #running = 0

  constructor(options: AudioOptions) {
    this.#options = options
    this.#perSegment = framesPerSegment(options.segmentSec, options.sampleRate)
  }

  async playlist(vod: Vod, partIndex: number): Promise<string> {
    return renderPlaylist(await this.#timeline(vod, partIndex), this.#perSegment)
  }

  async segment(vod: Vod, partIndex: number, index: number): Promise<Buffer | undefined> {
    return renderSegment(await this.#timeline(vod, partIndex), this.#perSegment, index)
  }

  /** Path of the part's `.m4a`; concurrent requests for the same part share one render. */
  m4a(vod: Vod, partIndex: number): Promise<string> {
    const o = this.#options
    const target = join(
      o.cacheDir,
      `m4a-v${M4A_VERSION}-${o.sampleRate}hz-${o.bitrateKbps}k-bed${o.bedDb}-loud${o.loudDb}-spread${o.momentSpread}`,
      `seed-${vod.seed}`,
      `${vod.platform}-${vod.videoId}-part${partIndex}.m4a`,
    )
    let render = this.#rendering.get(target)
    if (render === undefined) {
      render = this.#render(vod, partIndex, target).finally(() => this.#rendering.delete(target))
      this.#rendering.set(target, render)
    }
    return render
  }

  async #render(vod: Vod, partIndex: number, target: string): Promise<string> {
    const timeline = await this.#timeline(vod, partIndex)
    // Each render is a single-threaded ffmpeg; bound them so a burst of requests cannot starve the box.
    if (this.#running >= this.#options.renderConcurrency)
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    else this.#running++
    try {
      await writeM4a(this.#options.ffmpegPath, timeline, target)
      return target
    } finally {
      const next = this.#waiting.shift()
      if (next !== undefined) next()
      else this.#running--
    }
  }

  async #timeline(vod: Vod, partIndex: number): Promise<PartTimeline> {
    const tiles = await loadTiles(this.#options, LOUD_MOMENT_SEC)
    return partTimeline(vod, partIndex, tiles, this.#options.sampleRate)
  }
}
