/** How often and how patiently a retryable failure is retried before it becomes a dead letter. */
export interface RetryPolicy {
  /** Handler attempts in total, the first one included; 1 means "never retry". */
  attempts: number
  /** Delay before the second attempt; each later one doubles it. */
  baseMs: number
  /** Ceiling of any single delay. */
  maxMs: number
  /** Fraction of each delay taken off at random (0 = none, 1 = "full jitter"). */
  jitter: number
}

export const RETRY_DEFAULTS = {
  attempts: 5,
  baseMs: 1_000, // one second
  maxMs: 60_000, // one minute
  // Spreads a burst of failures (an upstream outage) so the retries do not all land at once, while
  // keeping every delay at least half the nominal one, so backoff stays observable and meaningful.
  jitter: 0.5,
} as const satisfies RetryPolicy

/**
 * Delay before the next attempt, after `failures` failed ones (≥ 1): exponential with jitter,
 * in [nominal·(1 − jitter), nominal] where nominal = min(maxMs, baseMs·2^(failures−1)).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failures: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failures - 1)
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 52))
  return Math.round(nominal * (1 - policy.jitter * random()))
}
