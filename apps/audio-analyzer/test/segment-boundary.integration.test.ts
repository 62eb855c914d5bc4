import { COLLECTIONS } from '@vodscope/contracts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { isolatedPipeline, type Pipeline } from './helpers/pipeline.js'
import { scoreDetections } from './helpers/scoring.js'

/** A segment length (10–600 s) that puts a boundary strictly inside [atSec + 1, atSec + 5]. */
function straddlingSegmentSec(atSec: number): number {
  for (let sec = 600; sec >= 10; sec--) {
    const boundary = Math.ceil((atSec + 1) / sec) * sec
    if (boundary <= atSec + 5) return sec
  }
  throw new Error(`no segment length puts a boundary inside the moment at ${atSec} s`)
}

describe('a loud moment across a segment boundary', () => {
  let pipe: Pipeline
  beforeEach(async () => {
    pipe = await isolatedPipeline()
  })
  afterEach(() => pipe.close())

  it('should be found exactly once, at its time', async () => {
    const videoId = '770040030'
    const moment = pipe.sim.truth('twitch', videoId).loudMoments[0]
    if (moment === undefined) throw new Error('the simulator VOD has no loud moment')
    const segmentSec = straddlingSegmentSec(moment.atSec)
    await pipe.start({ plan: { ...loadConfig({}).plan, segmentSec } })
    const { jobId, videoKey, truth } = await pipe.submit('twitch', videoId)
    await pipe.waitForJob(jobId, (j) => j.stages.highlights.status === 'done')

    // The moment really straddles: two stored segments meet inside it.
    const segments = await pipe.db
      .collection<{ startSec: number; endSec: number }>(COLLECTIONS.audioLoudness)
      .find({ videoKey })
      .toArray()
    expect(
      segments.some((s) => s.endSec > moment.atSec && s.endSec < moment.atSec + moment.durationSec),
    ).toBe(true)

    const found = (await pipe.highlights(videoKey))?.highlights ?? []
    const near = found.filter((h) => Math.abs(h.peakSec - moment.atSec) <= 5)
    expect(near).toHaveLength(1)
    const all = scoreDetections(
      truth.loudMoments.map((m) => m.atSec),
      found.map((h) => h.peakSec),
      5,
    )
    expect(all).toEqual({ truePositives: truth.loudMoments.length, falsePositives: 0, falseNegatives: 0 })
  })
})
