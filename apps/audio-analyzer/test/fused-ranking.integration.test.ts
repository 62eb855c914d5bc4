import { batchDocument, type ChatBatchDocument, COLLECTIONS } from '@vodscope/contracts'
import { type ChatStatsRead, computeHighlights } from '@vodscope/highlights'
import { createJobStages } from '@vodscope/worker-kit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isolatedPipeline, type Pipeline } from './helpers/pipeline.js'
import { scoreDetections } from './helpers/scoring.js'

const CHUNK_SEC = 300

describe('fusing chat into the ranking', () => {
  let pipe: Pipeline
  beforeEach(async () => {
    pipe = await isolatedPipeline()
  })
  afterEach(() => pipe.close())

  it('should rank by audio while chat runs, and re-rank with chat when the chat stage finishes last', async () => {
    await pipe.start()
    const { jobId, videoKey, platform, videoId, truth } = await pipe.submit('twitch', '770045120', 'queued')
    const ref = { jobId, videoKey, platform, videoId }

    // Audio first: a provisional, audio-only ranking; the highlights stage waits for chat.
    const provisional = await pipe.waitForJob(jobId, (j) => j.stages.highlights.status === 'running')
    expect(provisional.stages.audio.status).toBe('done')
    const early = await pipe.highlights(videoKey)
    expect(early?.final).toBe(false)
    expect(early?.fused.chat).toBe(false)
    expect(early?.highlights.every((h) => h.signals.chat === undefined)).toBe(true)

    // Chat last, as the chat crawler does it: per-second counts in chat_stats, stage done, then rank.
    const stats = pipe.db.collection<ChatStatsRead>(COLLECTIONS.chatStats)
    const chunkCount = Math.ceil(truth.durationSec / CHUNK_SEC)
    for (let chunkIndex = 0; chunkIndex < chunkCount; chunkIndex++) {
      const startSec = chunkIndex * CHUNK_SEC
      const counts = new Array<number>(Math.min(CHUNK_SEC, truth.durationSec - startSec)).fill(0)
      const messages = pipe.sim.chat(platform, videoId, startSec, startSec + counts.length)
      for (const m of messages) {
        const i = Math.floor(m.offsetMs / 1000) - startSec
        counts[i] = (counts[i] ?? 0) + 1
      }
      // And the messages themselves, one batch per chunk, for the labels of each highlight.
      if (messages.length > 0) {
        await pipe.db
          .collection<ChatBatchDocument>(COLLECTIONS.chatBatches)
          .insertOne(batchDocument({ videoKey, jobId, chunkIndex }, 0, messages))
      }
      await stats.insertOne({
        _id: `${videoKey}:${chunkIndex}`,
        videoKey,
        chunkIndex,
        chunkCount,
        startSec,
        counts,
      })
    }
    const stages = createJobStages({ db: pipe.db, producer: pipe.producer })
    await stages.finish(ref, 'chat')
    expect(await computeHighlights({ db: pipe.db, stages }, ref)).toBe('final')

    const job = await pipe.waitForJob(jobId, (j) => j.stages.highlights.status === 'done', 5_000)
    expect(job.stages.highlights.progress).toEqual({ done: 1, total: 1 })
    const fused = await pipe.highlights(videoKey)
    expect(fused?.final).toBe(true)
    expect(fused?.fused.chat).toBe(true)
    const found = fused?.highlights ?? []
    expect(found.length).toBeGreaterThan(0)
    for (const h of found.slice(0, truth.loudMoments.length)) {
      expect(h.signals.chat).toBeGreaterThan(0)
      expect(h.signals.audio).toBeGreaterThan(0)
      // Labels count exactly the simulator's messages inside the window, and name what they said.
      const said = pipe.sim
        .chat(platform, videoId, 0, truth.durationSec)
        .filter((m) => m.offsetMs >= h.startSec * 1000 && m.offsetMs < h.endSec * 1000)
      expect(h.chat?.messages).toBe(said.length)
      expect(h.chat?.topTokens.length).toBeGreaterThan(0)
    }
    expect(early?.highlights.every((h) => h.chat === undefined)).toBe(true)
    const score = scoreDetections(
      truth.loudMoments.map((m) => m.atSec),
      found.map((h) => h.peakSec),
      5,
    )
    expect(score).toEqual({ truePositives: truth.loudMoments.length, falsePositives: 0, falseNegatives: 0 })

    // The simulator's moments differ in strength (louder and busier as it grows): so must the scores.
    const byStrength = new Map<number, number[]>()
    for (const m of truth.loudMoments) {
      const h = found.find((x) => Math.abs(x.peakSec - m.atSec) <= 5)!
      byStrength.set(m.strength, [...(byStrength.get(m.strength) ?? []), h.score])
      expect(h.evidence?.loudnessDb).toBeGreaterThan(0)
      expect(h.evidence?.chatPerMin).toBeGreaterThan(h.evidence?.usualChatPerMin ?? Number.POSITIVE_INFINITY)
    }
    const strengths = [...byStrength.keys()].sort()
    expect(strengths.length, 'the VOD has moments of more than one strength').toBeGreaterThan(1)
    for (let i = 1; i < strengths.length; i++) {
      const weaker = byStrength.get(strengths[i - 1]!)!
      const stronger = byStrength.get(strengths[i]!)!
      // Every moment of a strength outscores every moment of a weaker one.
      expect(Math.min(...stronger)).toBeGreaterThan(Math.max(...weaker))
    }

    // A late provisional ranking (audio's finisher losing the race) must not replace the fused one.
    await pipe.db
      .collection<{ _id: string }>(COLLECTIONS.jobs)
      .updateOne({ _id: jobId }, { $set: { 'stages.chat.status': 'running' } })
    expect(await computeHighlights({ db: pipe.db, stages }, ref)).toBe('provisional')
    expect((await pipe.highlights(videoKey))?.fused.chat).toBe(true)
  })
})
