import type { SimHandle, SimOptionsInput } from '@vodscope/upstream-sim'
import { startSim } from '@vodscope/upstream-sim'
import { onTestFinished } from 'vitest'
import {
  type ChatMessage,
  createPlatforms,
  type Platforms,
  type PlatformsConfigInput,
  UPSTREAMS,
} from '../src/index.js'

/**
 * A simulator on a free port and clients whose every base URL points at it, both closed when the
 * test ends. Backoff is shortened so retry tests run in milliseconds; Retry-After is still honoured.
 */
export async function setup(
  simOptions: SimOptionsInput = {},
  input: PlatformsConfigInput = {},
): Promise<{ sim: SimHandle; platforms: Platforms }> {
  const sim = await startSim({ port: 0, logLevel: 'silent', ...simOptions })
  const platforms = createPlatforms({
    baseUrls: Object.fromEntries(UPSTREAMS.map((u) => [u, sim.url])),
    timeoutMs: 2_000,
    ...input,
    retry: { baseDelayMs: 10, maxDelayMs: 40, ...input.retry },
    limits: { ratePerSec: 1000, ...input.limits },
  })
  onTestFinished(async () => {
    await platforms.close()
    await sim.close()
  })
  return { sim, platforms }
}

export async function collect(batches: AsyncIterable<ChatMessage[]>): Promise<ChatMessage[]> {
  const out: ChatMessage[] = []
  for await (const batch of batches) out.push(...batch)
  return out
}

/** Cuts [0, durationSec) into uneven, non-window-aligned ranges, as a chunk planner might. */
export function ranges(startSec: number, endSec: number, cuts: number[]): Array<[number, number]> {
  const points = [
    startSec,
    ...cuts.map((c) => startSec + c).filter((p) => p > startSec && p < endSec),
    endSec,
  ]
  return points.slice(1).map((end, i) => [points[i]!, end])
}
