import { join } from 'node:path'
import { detectHighlights, type HighlightError, stitchSeries, summarise } from '@vodscope/highlights'
import { describe, expect, it } from 'vitest'
import { resolveFfmpeg } from '../src/ffmpeg/ffmpeg-path.js'
import { DECODER_DEFAULTS, SegmentDecoder } from '../src/ffmpeg/segment-decoder.js'
import { planSegments } from '../src/pipeline/plan-segments.js'
import { type GeneratedAudio, generateAudio } from './helpers/generate-audio.js'
import { useTempDir } from './helpers/temp-dir.js'

const decoder = new SegmentDecoder({
  ...DECODER_DEFAULTS,
  ffmpegPath: resolveFfmpeg().path,
  protocols: 'file',
})

/** The pipeline without Kafka: plan, decode every segment, stitch, rank. */
async function analyse(file: string, durationSec: number, segmentSec: number) {
  const plan = planSegments([{ index: 0, partId: 'p', startSec: 0, durationSec }], {
    segmentSec,
    minTailSec: 5,
  })
  const pieces = await Promise.all(
    plan.map((s) =>
      decoder.measure({
        url: file,
        offsetSec: s.offsetSec,
        durationSec: s.endSec - s.startSec,
        startSec: s.startSec,
      }),
    ),
  )
  return stitchSeries(pieces, { durationSec, sampleRate: DECODER_DEFAULTS.sampleRate, maxMissingSec: 0 })
}

describe('segmented analysis', () => {
  const tmp = useTempDir()

  it('finds a loud moment that straddles a segment boundary exactly once', async () => {
    const file = join(tmp(), 'straddle.wav')
    const spec: GeneratedAudio = {
      durationSec: 240,
      bed: 'pink',
      amplitude: 0.05,
      moments: [
        { atSec: 56, durSec: 8, gainDb: 12 }, // across the 60 s boundary
        { atSec: 178, durSec: 6, gainDb: 12 }, // across the 180 s boundary
      ],
    }
    await generateAudio(file, spec)
    const series = await analyse(file, 240, 60)
    expect(series).toHaveLength(240)
    const found = detectHighlights({ platform: 'twitch', videoId: '1', loudness: series })
    expect(found).toHaveLength(2)
    const [first, second] = found.map((h) => h.peakSec).sort((a, b) => a - b)
    expect(Math.abs((first as number) - 60)).toBeLessThanOrEqual(5)
    expect(Math.abs((second as number) - 181)).toBeLessThanOrEqual(5)
    // Boundary seconds read like their neighbours: no dip or spike from restarting the decode there.
    expect(Math.abs((series[60] as number) - (series[59] as number))).toBeLessThan(1)
  })

  it('rejects silent audio with AUDIO_SILENT', async () => {
    const file = join(tmp(), 'silent.wav')
    await generateAudio(file, { durationSec: 30, bed: 'sine', amplitude: 0 })
    const series = await analyse(file, 30, 10)
    const err = (() => {
      try {
        summarise(series)
      } catch (e) {
        return e as HighlightError
      }
    })()
    expect(err?.code).toBe('AUDIO_SILENT')
    expect(err?.message).toMatch(/0 of 30 seconds above -70 LUFS/)
  })

  it('summarises audible audio', async () => {
    const file = join(tmp(), 'tone.wav')
    await generateAudio(file, { durationSec: 20, bed: 'sine', amplitude: 0.1 })
    const summary = summarise(await analyse(file, 20, 10))
    expect(summary.analysedSec).toBe(20)
    expect(summary.meanDb).toBeCloseTo(-23, 0)
    expect(summary.peakDb).toBeCloseTo(-23, 0)
  })
})
