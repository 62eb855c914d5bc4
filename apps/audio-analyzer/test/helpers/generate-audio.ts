import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { resolveFfmpeg } from '../../src/ffmpeg/ffmpeg-path.js'

const run = promisify(execFile)

export interface Moment {
  atSec: number
  durSec: number
  gainDb: number
}

export interface GeneratedAudio {
  durationSec: number
  /** `anoisesrc` colour, or an exact-amplitude 997 Hz sine. */
  bed: 'white' | 'pink' | 'brown' | 'sine'
  /** Peak amplitude of the bed, linear (0.1 = −20 dBFS). */
  amplitude: number
  moments?: Moment[]
  sampleRate?: number // Hz; 16 kHz keeps files small and still above the analyzer's 8 kHz
}

/**
 * Writes test audio with the same ffmpeg the analyzer uses: a bed plus loud moments made with
 * `volume` enabled between two times. The format follows the extension: WAV is instant to write and
 * seek; `.m3u8` writes an HLS playlist of 10 s AAC segments beside it, like the platforms serve.
 */
export async function generateAudio(path: string, spec: GeneratedAudio): Promise<void> {
  const rate = spec.sampleRate ?? 16_000
  const source =
    spec.bed === 'sine'
      ? `aevalsrc=${spec.amplitude}*sin(2*PI*997*t):s=${rate}:d=${spec.durationSec}`
      : `anoisesrc=d=${spec.durationSec}:c=${spec.bed}:r=${rate}:a=${spec.amplitude}:s=7`
  const gains = (spec.moments ?? []).map(
    (m) => `volume=enable='between(t,${m.atSec},${m.atSec + m.durSec})':volume=${m.gainDb}dB`,
  )
  const filter = [source, ...gains].join(',')
  const hls = path.endsWith('.m3u8')
    ? ['-c:a', 'aac', '-b:a', '32k', '-f', 'hls', '-hls_time', '10', '-hls_playlist_type', 'vod']
    : []
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', filter, '-ac', '1']
  await run(resolveFfmpeg().path, [...args, ...hls, path])
}
