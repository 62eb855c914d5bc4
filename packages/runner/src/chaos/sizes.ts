/**
 * Scenario sizes. The defaults are small enough for CI on a shared two-core machine; `full` gives the
 * issue's sizes. Every value can be overridden from the environment, which wins over both.
 */
export interface ChaosSizes {
  /** Short VOD links per load scenario (5-minute VODs). */
  links: number
  /** Long VODs submitted alongside the links. */
  longVods: number
  /** Minutes of each long VOD. */
  longVodMin: number
  /** POST requests per second while submitting. */
  ratePerSec: number
  /** Seconds between two SIGKILLs in the worker-crash scenario. */
  killEverySec: number
  /** Seconds the broker or database stays down. */
  outageSec: number
  /** Minutes of the soak scenario. */
  soakMin: number
  /** Links per second during the soak: steady and moderate (one every 4 s; 1 per second outran FerretDB here). */
  soakRatePerSec: number
  /** Replicas of every worker app. */
  replicas: number
  /** Rounds of the hostile HTTP request set; the gateway's RSS is compared between rounds. */
  hostileRounds: number
  /** Seconds to wait for every accepted job before the rest count as lost. */
  timeoutSec: number
}

const SMALL: ChaosSizes = {
  links: 30,
  longVods: 1,
  longVodMin: 30,
  ratePerSec: 10,
  killEverySec: 10,
  outageSec: 20,
  soakMin: 3,
  soakRatePerSec: 0.25,
  replicas: 2,
  hostileRounds: 5,
  timeoutSec: 300,
}

const FULL: ChaosSizes = {
  links: 500,
  longVods: 3,
  longVodMin: 120,
  ratePerSec: 50,
  killEverySec: 10,
  outageSec: 20,
  soakMin: 30,
  soakRatePerSec: 0.25,
  replicas: 2,
  hostileRounds: 10,
  timeoutSec: 1_800,
}

const ENV_NAMES: Record<keyof ChaosSizes, string> = {
  links: 'CHAOS_LINKS',
  longVods: 'CHAOS_LONG_VODS',
  longVodMin: 'CHAOS_LONG_VOD_MIN',
  ratePerSec: 'CHAOS_RATE',
  killEverySec: 'CHAOS_KILL_EVERY_SEC',
  outageSec: 'CHAOS_OUTAGE_SEC',
  soakMin: 'CHAOS_SOAK_MIN',
  soakRatePerSec: 'CHAOS_SOAK_RATE',
  replicas: 'CHAOS_REPLICAS',
  hostileRounds: 'CHAOS_HOSTILE_ROUNDS',
  timeoutSec: 'CHAOS_TIMEOUT_SEC',
}

export function chaosSizes(full: boolean, env: NodeJS.ProcessEnv = process.env): ChaosSizes {
  const sizes = { ...(full ? FULL : SMALL) }
  for (const [key, name] of Object.entries(ENV_NAMES) as Array<[keyof ChaosSizes, string]>) {
    const raw = env[name]?.trim()
    if (!raw) continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`${name} must be a non-negative number, got "${raw}"`)
    sizes[key] = value
  }
  return sizes
}
