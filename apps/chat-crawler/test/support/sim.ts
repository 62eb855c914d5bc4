import type { Platform, VideoExtractedV1, VideoPart } from '@vodscope/contracts'
import { createPlatforms, type Platforms, type PlatformsConfigInput, UPSTREAMS } from '@vodscope/platforms'
import { type SimHandle, type SimOptionsInput, startSim, type Truth } from '@vodscope/upstream-sim'
import type { ChatMoment } from '../../src/core/chat-moments.js'

/** A simulator on a free port and platform clients pointed at it, with short backoffs for tests. */
export async function startUpstreams(
  simOptions: SimOptionsInput = {},
  input: PlatformsConfigInput = {},
): Promise<{ sim: SimHandle; platforms: Platforms; close(): Promise<void> }> {
  const sim = await startSim({ port: 0, logLevel: 'silent', ...simOptions })
  const platforms = createPlatforms({
    baseUrls: Object.fromEntries(UPSTREAMS.map((u) => [u, sim.url])),
    timeoutMs: 5_000,
    ...input,
    retry: { baseDelayMs: 10, maxDelayMs: 100, ...input.retry },
    limits: { ratePerSec: 1000, concurrency: 8, ...input.limits },
  })
  return {
    sim,
    platforms,
    close: async () => {
      await platforms.close()
      await sim.close()
    },
  }
}

/** The extractor's message for a simulated VOD, from the simulator's truth. */
export function videoFromTruth(truth: Truth, jobId: string): VideoExtractedV1 {
  return {
    version: 1,
    jobId,
    videoKey: `${truth.platform}:${truth.videoId}`,
    platform: truth.platform,
    videoId: truth.videoId,
    title: truth.title,
    durationSec: truth.durationSec,
    channel: truth.channel,
    publishedAt: truth.publishedAt,
    parts: truth.parts,
    extractedAt: new Date().toISOString(),
  }
}

/**
 * Every message the simulator holds for the VOD, as `chat_batches` must store it: `platform:id` → VOD offset.
 * SOOP rows carry no id on the wire, so the platform client's id — part, kind, part-local ms, user —
 * is rebuilt here from the truth; it also proves later parts' offsets are shifted correctly.
 */
export function expectedMessages(sim: SimHandle, platform: Platform, videoId: string): Map<string, number> {
  const truth = sim.truth(platform, videoId)
  const expected = new Map<string, number>()
  for (const m of sim.chat(platform, videoId)) {
    expected.set(`${platform}:${platform === 'soop' ? soopId(truth.parts, m) : m.id}`, m.offsetMs)
  }
  return expected
}

function soopId(parts: VideoPart[], m: { offsetMs: number; kind: string; authorId: string }): string {
  const part = [...parts].reverse().find((p) => m.offsetMs >= p.startSec * 1000) ?? parts[0]!
  const localMs = m.offsetMs - Math.round(part.startSec * 1000)
  return `${part.partId}:${m.kind === 'donation' ? 'b' : 'c'}:${localMs}:${m.authorId}`
}

/** Precision and recall of detected moments against the simulator's bursts, onset within ±tolSec. */
export function burstScores(
  moments: readonly ChatMoment[],
  bursts: readonly { atSec: number }[],
  tolSec = 10,
) {
  const near = (m: ChatMoment, b: { atSec: number }) => Math.abs(m.startSec - b.atSec) <= tolSec
  const truePositives = moments.filter((m) => bursts.some((b) => near(m, b))).length
  const found = bursts.filter((b) => moments.some((m) => near(m, b))).length
  return {
    precision: moments.length === 0 ? 1 : truePositives / moments.length,
    recall: bursts.length === 0 ? 1 : found / bursts.length,
    moments: moments.length,
    bursts: bursts.length,
  }
}
