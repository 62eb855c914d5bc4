import type { Platform } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { isolatedPipeline } from './helpers/pipeline.js'
import { precisionRecall, type Score, scoreDetections } from './helpers/scoring.js'

const TOLERANCE_SEC = 5

/**
 * Loudness contrast (loud moment RMS over the bed's) from easy to hard, and beds from quiet to loud;
 * each with VODs of every platform: Twitch and SOOP stream HLS (a long SOOP VOD has two parts),
 * YouTube one m4a read with byte ranges. Ids encode minutes and chat rate (upstream-sim profiles).
 */
const SETTINGS: Array<{ bedDb: number; loudDb: number; vods: Array<[Platform, string]> }> = [
  {
    bedDb: -35,
    loudDb: -10,
    vods: [
      ['twitch', '770060060'],
      ['youtube', 's0045030abc'],
      ['soop', '770130050'],
    ],
  },
  {
    bedDb: -25,
    loudDb: -13,
    vods: [
      ['twitch', '770075020'],
      ['twitch', '770050100'],
      ['youtube', 's0060010xyz'],
    ],
  },
  {
    bedDb: -40,
    loudDb: -32,
    vods: [
      ['twitch', '770090040'],
      ['soop', '770045080'],
    ],
  },
  {
    bedDb: -20,
    loudDb: -14,
    vods: [
      ['twitch', '770060200'],
      ['youtube', 's0070000qrs'],
      ['twitch', '770040030'],
    ],
  },
]

describe('highlight detection quality on generated VODs', () => {
  it(`should find the simulator's loud moments with precision and recall ≥ 0.9 at ±${TOLERANCE_SEC} s`, async () => {
    const total: Score = { truePositives: 0, falsePositives: 0, falseNegatives: 0 }
    const rows: string[] = []
    for (const setting of SETTINGS) {
      const pipe = await isolatedPipeline({
        // Every moment at the setting's contrast (no weaker ones): the contrast is what this measures.
        sim: { audio: { bedDb: setting.bedDb, loudDb: setting.loudDb, momentSpread: 0 } },
      })
      try {
        // Five-minute segments: more boundaries for moments to fall across than the ten-minute default.
        await pipe.start({ plan: { ...loadConfig({}).plan, segmentSec: 300 } })
        const jobs = await Promise.all(setting.vods.map(([platform, id]) => pipe.submit(platform, id)))
        const started = Date.now()
        for (const job of jobs) {
          const done = await pipe.waitForJob(job.jobId, (j) => j.stages.highlights.status === 'done')
          expect(done.stages.audio.status).toBe('done')
          const stored = await pipe.highlights(job.videoKey)
          const truth = job.truth.loudMoments.map((m) => m.atSec)
          const found = (stored?.highlights ?? []).map((h) => h.peakSec)
          const score = scoreDetections(truth, found, TOLERANCE_SEC)
          total.truePositives += score.truePositives
          total.falsePositives += score.falsePositives
          total.falseNegatives += score.falseNegatives
          rows.push(
            `${job.videoKey.padEnd(20)} ${String(setting.loudDb - setting.bedDb).padStart(3)} dB over ${setting.bedDb} dBFS  ` +
              `truth ${truth.length}  found ${found.length}  tp ${score.truePositives} fp ${score.falsePositives} fn ${score.falseNegatives}`,
          )
          console.log(`${rows.at(-1)}  (${((Date.now() - started) / 1000).toFixed(0)} s)`)
        }
      } finally {
        await pipe.close()
      }
    }
    const { precision, recall, f1 } = precisionRecall(total)
    console.log(
      [
        ...rows,
        `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (${rows.length} VODs)`,
      ].join('\n'),
    )
    expect(rows.length).toBeGreaterThanOrEqual(10)
    expect(precision).toBeGreaterThanOrEqual(0.9)
    expect(recall).toBeGreaterThanOrEqual(0.9)
  })
})
