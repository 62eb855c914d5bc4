import { COLLECTIONS } from '@vodscope/contracts'
import { loadSeries, readSegment } from '@vodscope/highlights'
import type { FanInDocument } from '@vodscope/worker-kit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { audioFanInId } from '../src/pipeline/segment-handler.js'
import type { LoudnessDocument } from '../src/store/loudness-store.js'
import { type ChildWorker, spawnWorker } from './helpers/child-worker.js'
import { isolatedPipeline, type Pipeline } from './helpers/pipeline.js'
import { scoreDetections } from './helpers/scoring.js'

describe('a segment worker killed mid-VOD', () => {
  let pipe: Pipeline
  let children: ChildWorker[] = []
  beforeEach(async () => {
    pipe = await isolatedPipeline({ partitions: 4 })
  })
  afterEach(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')))
    children = []
    await pipe.close()
  })

  it('should not stop the job completing, nor lose or double-count a segment', async () => {
    const env = {
      ...pipe.env,
      VODSCOPE_AUDIO_ROLE: 'segments',
      VODSCOPE_AUDIO_FFMPEG_PROCESSES: '1',
      VODSCOPE_UPSTREAM_URL: pipe.sim.url,
    }
    children = [spawnWorker(env), spawnWorker(env)]
    await Promise.all(children.map((c) => c.ready))
    // Two-minute segments: three hours make 90 of them, enough to kill a worker well inside the VOD.
    await pipe.start({ role: 'planner', plan: { ...loadConfig({}).plan, segmentSec: 120 } })
    const { jobId, videoKey, truth } = await pipe.submit('twitch', '770180060')

    const partial = await pipe.waitForJob(jobId, (j) => j.stages.audio.progress.done >= 15)
    const [victim] = children
    await victim?.kill('SIGKILL')
    const total = partial.stages.audio.progress.total
    expect(partial.stages.audio.progress.done).toBeLessThan(total)

    // The survivor inherits the victim's partitions once its session times out, and the
    // victim's uncommitted segments are redelivered to it.
    const job = await pipe.waitForJob(jobId, (j) => j.stages.highlights.status === 'done', 300_000)
    expect(job.stages.audio.status).toBe('done')
    expect(job.stages.audio.progress).toEqual({ done: total, total })

    const docs = (
      await pipe.db
        .collection<LoudnessDocument>(COLLECTIONS.audioLoudness)
        .find({ videoKey, jobId })
        .toArray()
    ).map(readSegment)
    expect(docs.map((d) => d.segmentIndex).sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, i) => i),
    )
    const pieces = await pipe.db
      .collection<FanInDocument>(COLLECTIONS.fanin)
      .findOne({ _id: `${audioFanInId(jobId)}/pieces` })
    // Each segment counted once; $addToSet keeps arrival order, which is not the contract.
    const counted = pieces?.kind === 'pieces' ? [...pieces.done].sort((a, b) => a - b) : []
    expect(counted).toEqual(Array.from({ length: total }, (_, i) => i))

    // Every second of the VOD holds exactly one second of samples: nothing missing, nothing twice.
    const perSecond = new Map<number, number>()
    for (const d of docs)
      for (const [i, n] of d.samples.entries())
        perSecond.set(d.firstSec + i, (perSecond.get(d.firstSec + i) ?? 0) + n)
    expect(perSecond.size).toBe(truth.durationSec)
    expect([...perSecond.values()].every((n) => n === 8000)).toBe(true)
    const { series } = await loadSeries(pipe.db, { videoKey, jobId })
    expect(series).toHaveLength(truth.durationSec)

    const found = (await pipe.highlights(videoKey))?.highlights ?? []
    const score = scoreDetections(
      truth.loudMoments.map((m) => m.atSec),
      found.map((h) => h.peakSec),
      5,
    )
    expect(score).toEqual({ truePositives: truth.loudMoments.length, falsePositives: 0, falseNegatives: 0 })
  })
})
