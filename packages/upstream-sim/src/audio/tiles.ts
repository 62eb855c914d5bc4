import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MOMENT_STRENGTHS, type MomentStrength } from '../model/vod.js'
import { splitAdtsFrames } from './adts.js'
import { runFfmpeg } from './ffmpeg.js'
import type { AudioOptions } from './options.js'

/** Encoded AAC frames of short sounds that the renderer strings together into hours of audio. */
export interface Tiles {
  /** Names the sound parameters; timelines built from different tiles never share a cache entry. */
  key: string
  bed: Buffer[][]
  /** Per moment strength 1–3 (index strength − 1), the loud sounds at that strength's level. */
  loud: Buffer[][][]
}

const BED_TILE_SEC = 60
/** Bump when the sounds change, so stale cached tiles are not reused. */
const TILE_VERSION = 3

/**
 * Speech-like bed: pink noise in the voice band, its level modulated at a syllable rate (4–7 Hz) and a
 * phrase rate (0.15 Hz). Loud moments: a crowd-like roar, a shout, a horn — all well above the bed.
 * Modulation uses `volume` per 256-sample frame: this ffmpeg build's `tremolo` corrupts its heap when
 * the sample rate is not a multiple of the frequency.
 */
function bedSource(variant: number, sampleRate: number): string {
  const envelope = `(0.6+0.4*sin(2*PI*${4 + variant}*t))*(0.7+0.3*sin(2*PI*0.15*t))`
  return `${noise('pink', 1000 + variant, sampleRate, BED_TILE_SEC)},bandpass=f=1000:width_type=h:w=1800,volume='${envelope}':eval=frame`
}

function loudSource(variant: number, sampleRate: number, seconds: number): string {
  const fade = `afade=t=in:d=0.3,afade=t=out:st=${(seconds - 1.5).toFixed(3)}:d=1.5`
  const sources = [
    `${noise('white', 7, sampleRate, seconds)},lowpass=f=5000,volume='0.7+0.3*sin(2*PI*7*t)':eval=frame`,
    `${noise('pink', 8, sampleRate, seconds)},bandpass=f=800:width_type=h:w=1200,volume='0.7+0.3*sin(2*PI*3*t)':eval=frame`,
    `aevalsrc=exprs='0.5*sin(2*PI*440*t)+0.3*sin(2*PI*660*t)+0.2*(random(0)-0.5)':s=${sampleRate}:d=${seconds.toFixed(3)}`,
  ]
  return `${sources[variant % sources.length]},${fade}`
}

function noise(color: 'pink' | 'white', seed: number, sampleRate: number, seconds: number): string {
  return `anoisesrc=r=${sampleRate}:c=${color}:a=0.5:seed=${seed}:d=${seconds.toFixed(3)}:nb_samples=256`
}

/** The RMS level of a loud moment of this strength, dBFS (see `AudioOptions.momentSpread`). */
export function momentLevelDb(
  options: Pick<AudioOptions, 'bedDb' | 'loudDb' | 'momentSpread'>,
  strength: MomentStrength,
): number {
  const contrast = options.loudDb - options.bedDb
  return options.bedDb + contrast * (1 - (options.momentSpread * (3 - strength)) / 2)
}

const loaded = new Map<string, Promise<Tiles>>()

export function loadTiles(options: AudioOptions, loudSec: number): Promise<Tiles> {
  const dir = join(
    options.cacheDir,
    `tiles-v${TILE_VERSION}-${options.sampleRate}hz-${options.bitrateKbps}k-bed${options.bedDb}-loud${options.loudDb}-spread${options.momentSpread}-${loudSec}s`,
  )
  let tiles = loaded.get(dir)
  if (tiles === undefined) {
    tiles = buildTiles(dir, options, loudSec)
    tiles.catch(() => loaded.delete(dir))
    loaded.set(dir, tiles)
  }
  return tiles
}

async function buildTiles(dir: string, options: AudioOptions, loudSec: number): Promise<Tiles> {
  await mkdir(dir, { recursive: true })
  // One extra frame each side: the encoder's priming frame and the padded last frame are dropped.
  const loudSeconds = loudSec + (2 * 1024) / options.sampleRate
  const bed = await Promise.all(
    [0, 1, 2, 3].map((v) => tile(dir, `bed-${v}`, bedSource(v, options.sampleRate), options.bedDb, options)),
  )
  const loud = await Promise.all(
    MOMENT_STRENGTHS.map((strength) =>
      Promise.all(
        [0, 1, 2].map((v) =>
          tile(
            dir,
            `loud-${v}-s${strength}`,
            loudSource(v, options.sampleRate, loudSeconds),
            momentLevelDb(options, strength),
            options,
          ),
        ),
      ),
    ),
  )
  return { key: dir, bed, loud }
}

async function tile(
  dir: string,
  name: string,
  source: string,
  targetDb: number,
  options: AudioOptions,
): Promise<Buffer[]> {
  const path = join(dir, `${name}.aac`)
  const cached = await readFile(path).catch(() => undefined)
  if (cached !== undefined) return innerFrames(cached)
  const sr = String(options.sampleRate)
  const pcm = await runFfmpeg(options.ffmpegPath, [
    '-f',
    'lavfi',
    '-i',
    source,
    '-ac',
    '1',
    '-ar',
    sr,
    '-f',
    's16le',
    '-',
  ])
  const encoded = await runFfmpeg(
    options.ffmpegPath,
    [
      '-f',
      's16le',
      '-ar',
      sr,
      '-ac',
      '1',
      '-i',
      'pipe:0',
      '-c:a',
      'aac',
      '-b:a',
      `${options.bitrateKbps}k`,
      '-f',
      'adts',
      '-',
    ],
    normalise(pcm, targetDb),
  )
  // Write then rename: a concurrent simulator process never reads a half-written tile.
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  await writeFile(tmp, encoded)
  await rename(tmp, path)
  return innerFrames(encoded)
}

function innerFrames(adts: Buffer): Buffer[] {
  return splitAdtsFrames(adts).slice(1, -1)
}

/** Scales 16-bit PCM so its RMS level is `targetDb` dBFS; levels are then exact, not filter-dependent. */
function normalise(pcm: Buffer, targetDb: number): Buffer {
  const count = Math.floor(pcm.length / 2)
  let sum = 0
  for (let i = 0; i < count; i++) sum += pcm.readInt16LE(i * 2) ** 2
  const rms = Math.sqrt(sum / Math.max(1, count)) / 32768
  const gain = 10 ** (targetDb / 20) / Math.max(rms, 1e-9)
  const out = Buffer.alloc(count * 2)
  for (let i = 0; i < count; i++) {
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(pcm.readInt16LE(i * 2) * gain))), i * 2)
  }
  return out
}
