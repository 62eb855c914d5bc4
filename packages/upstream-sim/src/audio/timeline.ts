import { Lru } from '../model/lru.js'
import { createRng } from '../model/rng.js'
import type { Vod } from '../model/vod.js'
import { SAMPLES_PER_FRAME } from './adts.js'
import type { Tiles } from './tiles.js'

/**
 * The audio of one VOD part as a sequence of encoded AAC frames, any of which can be looked up
 * directly: bed tiles everywhere (a seeded choice per tile length), a loud tile at each loud moment.
 * Nothing is encoded per VOD, so a segment of an 8-hour VOD costs the same as one of a 10-minute VOD.
 */
export interface PartTimeline {
  sampleRate: number
  frameCount: number
  frame(index: number): Buffer
}

const timelines = new Lru<string, PartTimeline>(500)

export function partTimeline(vod: Vod, partIndex: number, tiles: Tiles, sampleRate: number): PartTimeline {
  return timelines.getOrCreate(`${tiles.key}:${vod.seed}:${vod.videoKey}:${partIndex}:${sampleRate}`, () =>
    buildTimeline(vod, partIndex, tiles, sampleRate),
  )
}

function buildTimeline(vod: Vod, partIndex: number, tiles: Tiles, sampleRate: number): PartTimeline {
  const part = vod.parts[partIndex]
  if (part === undefined) throw new Error(`${vod.videoKey} has no part ${partIndex}`)
  const frameSec = SAMPLES_PER_FRAME / sampleRate
  const frameCount = Math.ceil(part.durationSec / frameSec)
  const louds = vod.loudMoments.map((moment, i) => ({
    // May be negative: a loud moment that began in the previous part continues into this one.
    start: Math.round((moment.atSec - part.startSec) / frameSec),
    frames: tiles.loud[moment.strength - 1]?.[i % 3] ?? [],
  }))
  const bedLength = tiles.bed[0]?.length ?? 1
  const beds = Array.from({ length: Math.ceil(frameCount / bedLength) }, (_, block) =>
    createRng(vod.seed, 'bed', vod.videoKey, partIndex, block).pick(tiles.bed),
  )
  return {
    sampleRate,
    frameCount,
    frame(index) {
      const loud = louds.find((l) => index >= l.start && index - l.start < l.frames.length)
      const frame =
        loud !== undefined
          ? loud.frames[index - loud.start]
          : beds[Math.floor(index / bedLength)]?.[index % bedLength]
      if (frame === undefined)
        throw new RangeError(`frame ${index} is outside ${vod.videoKey} part ${partIndex}`)
      return frame
    },
  }
}

/** Frames [from, to) as one ADTS buffer. */
export function framesBetween(timeline: PartTimeline, from: number, to: number): Buffer {
  const frames: Buffer[] = []
  for (let f = Math.max(0, from); f < Math.min(to, timeline.frameCount); f++) frames.push(timeline.frame(f))
  return Buffer.concat(frames)
}
