import { setTimeout as sleep } from 'node:timers/promises'

export interface WaitOptions {
  timeoutMs: number
  /** Pause between attempts. */
  intervalMs?: number
  /** Says what was awaited and where to look, e.g. "Kafka did not start; see .devstack/state/logs/kafka.log". */
  timeoutMessage: string
  signal?: AbortSignal
}

export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError'
}

/**
 * Polls `check` until it returns a value other than undefined. `check` may throw to give up at once
 * (a crashed process will not become ready by waiting).
 */
export async function waitUntil<T>(check: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    options.signal?.throwIfAborted()
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() >= deadline) {
      throw new WaitTimeoutError(
        `${options.timeoutMessage} (waited ${Math.round(options.timeoutMs / 1000)}s)`,
      )
    }
    await sleep(options.intervalMs ?? 250, undefined, { signal: options.signal })
  }
}
