import { describe, expect, it } from 'vitest'
import { ProgressThrottle } from '../src/progress-throttle.js'

describe('ProgressThrottle', () => {
  it('reports a job at most once per interval, but always its last piece', () => {
    let now = 0
    const throttle = new ProgressThrottle(1_000, () => now)
    expect(throttle.due('a', false)).toBe(true)
    now = 400
    expect(throttle.due('a', false)).toBe(false)
    expect(throttle.due('b', false)).toBe(true)
    expect(throttle.due('a', true)).toBe(true)
    now = 1_500
    expect(throttle.due('a', false)).toBe(true)
  })

  it('forgets the oldest job beyond its capacity', () => {
    const throttle = new ProgressThrottle(1_000, () => 0, 2)
    throttle.due('a', false)
    throttle.due('b', false)
    throttle.due('c', false)
    expect(throttle.due('a', false)).toBe(true)
    expect(throttle.due('c', false)).toBe(false)
  })
})
