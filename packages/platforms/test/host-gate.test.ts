import { describe, expect, it } from 'vitest'
import { HostGate, sleep } from '../src/http/host-gate.js'

describe('HostGate', () => {
  it('should never run more than `concurrency` tasks at once', async () => {
    const gate = new HostGate({ concurrency: 3, ratePerSec: 1000 })
    let running = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 12 }, () =>
        gate.run(async () => {
          most = Math.max(most, ++running)
          await sleep(20)
          running--
        }),
      ),
    )
    expect(most).toBe(3)
  })

  it('should space request starts by 1 / ratePerSec', async () => {
    const gate = new HostGate({ concurrency: 10, ratePerSec: 20 })
    const starts: number[] = []
    await Promise.all(Array.from({ length: 5 }, () => gate.run(async () => starts.push(Date.now()))))
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(4 * 50 - 5)
  })

  it('should hold every task while paused after a 429', async () => {
    const gate = new HostGate({ concurrency: 10, ratePerSec: 1000 })
    gate.pauseFor(150)
    const started = Date.now()
    await gate.run(async () => {})
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })
})
