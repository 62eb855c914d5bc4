import { randomUUID } from 'node:crypto'
import type { Platform } from '@vodscope/contracts'
import { startSim } from '@vodscope/upstream-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChatMoments } from '../src/core/chat-moments.js'
import { burstScores, startUpstreams, videoFromTruth } from './support/sim.js'
import { createTestBed } from './support/test-bed.js'

/**
 * Encoded simulator ids (see upstream-sim profile.ts): minutes of VOD and base messages per minute,
 * from a quiet half hour to a busy eight hours, on every platform.
 */
const PROFILES: [minutes: number, perMin: number][] = [
  [30, 5],
  [45, 15],
  [60, 20],
  [90, 10],
  [120, 60],
  [150, 120],
  [180, 20],
  [180, 150],
  [200, 600],
  [240, 400],
  [300, 90],
  [420, 200],
  [480, 40],
]
const pad = (n: number, width: number) => String(n).padStart(width, '0')
const CATALOGUE: [Platform, string][] = PROFILES.flatMap(([minutes, perMin]) => [
  ['twitch', `77${pad(minutes, 4)}${pad(perMin, 3)}`],
  ['soop', `77${pad(minutes, 4)}${pad(perMin, 3)}`],
  ['youtube', `s${pad(minutes, 4)}${pad(perMin, 3)}abc`],
])

describe('burst detection against the simulator truth', () => {
  let sim: Awaited<ReturnType<typeof startSim>>
  beforeAll(async () => {
    sim = await startSim({ port: 0, logLevel: 'silent' })
  })
  afterAll(async () => {
    await sim.close()
  })

  it('should find the chat bursts of a varied catalogue within ±10 s', () => {
    let truePositives = 0
    let detected = 0
    let found = 0
    let bursts = 0
    for (const [platform, videoId] of CATALOGUE) {
      const truth = sim.truth(platform, videoId)
      const perSecond = new Array<number>(truth.durationSec).fill(0)
      for (const m of sim.chat(platform, videoId)) {
        const s = Math.floor(m.offsetMs / 1000)
        perSecond[s] = (perSecond[s] ?? 0) + 1
      }
      const scores = burstScores(findChatMoments(perSecond), truth.chat.bursts)
      truePositives += scores.precision * scores.moments
      detected += scores.moments
      found += scores.recall * scores.bursts
      bursts += scores.bursts
    }
    const precision = truePositives / detected
    const recall = found / bursts
    console.info(
      `burst detection over ${CATALOGUE.length} VODs, ${bursts} bursts: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    )
    expect(precision).toBeGreaterThanOrEqual(0.95)
    expect(recall).toBeGreaterThanOrEqual(0.95)
  })

  it('should store the chat moments of a crawled VOD that match its bursts', async () => {
    const upstreams = await startUpstreams()
    const bed = await createTestBed()
    try {
      await bed.startReplica(upstreams.platforms)
      const truth = upstreams.sim.truth('twitch', '770180020') // three hours, seven bursts
      const video = videoFromTruth(truth, `job_${randomUUID().slice(0, 12)}`)
      await bed.submit(video)
      await bed.chatEnded(video.jobId)
      const signal = await bed.collections.signal.findOne({ _id: video.videoKey })
      const scores = burstScores(signal?.moments ?? [], truth.chat.bursts)
      console.info(`crawled ${video.videoKey}: ${JSON.stringify(scores)}`)
      expect(scores.recall).toBe(1)
      expect(scores.precision).toBe(1)
    } finally {
      await bed.close()
      await upstreams.close()
    }
  })
})
