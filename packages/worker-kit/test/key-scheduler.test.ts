import { setTimeout as sleep } from 'node:timers/promises'
import { beforeEach, describe, expect, it } from 'vitest'
import { KeyScheduler, type Lanes, type ScheduledTask } from '../src/key-scheduler.js'

const lanes: Lanes = new Map()
beforeEach(() => lanes.clear())

function task(
  key: string | null,
  run: () => Promise<void>,
  extra: Partial<ScheduledTask> = {},
): ScheduledTask {
  return { lanes, key, notBefore: 0, live: () => true, run, next: undefined, ...extra }
}

describe('KeyScheduler', () => {
  it('should run one lane in push order and different lanes concurrently up to the bound', async () => {
    const scheduler = new KeyScheduler(3)
    const order: Record<string, number[]> = { a: [], b: [], c: [], d: [] }
    let running = 0
    let maxRunning = 0
    for (let i = 0; i < 20; i++) {
      for (const lane of ['a', 'b', 'c', 'd']) {
        scheduler.push(
          task(lane, async () => {
            maxRunning = Math.max(maxRunning, ++running)
            await sleep(Math.random() * 3)
            running--
            order[lane]?.push(i)
          }),
        )
      }
    }
    await scheduler.whenIdle()
    for (const lane of ['a', 'b', 'c', 'd'])
      expect(order[lane]).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(maxRunning).toBe(3)
  })

  it('should let a task wait for its due time without holding a slot or other lanes', async () => {
    const scheduler = new KeyScheduler(1)
    const events: string[] = []
    const due = Date.now() + 150
    scheduler.push(
      task('retry', async () => void events.push(`retry at +${Date.now() - due}`), { notBefore: due }),
    )
    scheduler.push(task('other', async () => void events.push('other')))
    await sleep(50)
    expect(events).toEqual(['other'])
    await sleep(200)
    await scheduler.whenIdle()
    expect(events).toHaveLength(2)
    expect(Number(events[1]?.split('+')[1])).toBeGreaterThanOrEqual(0)
  })

  it('should drop tasks that are no longer live, without blocking their lane', async () => {
    const scheduler = new KeyScheduler(2)
    const ran: number[] = []
    let revoked = false
    scheduler.push(task('k', async () => void ran.push(1)))
    scheduler.push(task('k', async () => void ran.push(2), { live: () => !revoked }))
    scheduler.push(task('k', async () => void ran.push(3)))
    revoked = true
    await scheduler.whenIdle()
    expect(ran).toEqual([1, 3])
  })

  it('should start nothing new after close, but let running tasks finish', async () => {
    const scheduler = new KeyScheduler(1)
    const ran: string[] = []
    scheduler.push(
      task('a', async () => {
        await sleep(30)
        ran.push('a1')
      }),
    )
    scheduler.push(task('a', async () => void ran.push('a2')))
    scheduler.push(task('b', async () => void ran.push('b1')))
    scheduler.push(task('c', async () => void ran.push('c1'), { notBefore: Date.now() + 10_000 }))
    await sleep(5)
    scheduler.close()
    await scheduler.whenIdle()
    expect(ran).toEqual(['a1'])
  })

  it('should keep going when a task rejects', async () => {
    const scheduler = new KeyScheduler(1)
    const ran: number[] = []
    scheduler.push(task('k', () => Promise.reject(new Error('boom'))))
    scheduler.push(task('k', async () => void ran.push(2)))
    await scheduler.whenIdle()
    expect(ran).toEqual([2])
  })
})

describe('KeyScheduler hold', () => {
  it('should start nothing while held and resume every waiting lane on release', async () => {
    const scheduler = new KeyScheduler(4)
    const ran: string[] = []
    scheduler.hold()
    scheduler.push(task('a', async () => void ran.push('a')))
    scheduler.push(task('b', async () => void ran.push('b')))
    await sleep(20)
    expect(ran).toEqual([])
    scheduler.release()
    await scheduler.whenIdle()
    expect(ran.sort()).toEqual(['a', 'b'])
  })
})
