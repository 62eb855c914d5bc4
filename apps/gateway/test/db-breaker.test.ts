import { describe, expect, it } from 'vitest'
import { DbBreaker } from '../src/services/db-breaker.js'

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }

describe('DbBreaker', () => {
  it('should stop intake waiting after three missed deadlines in a row, for one second', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    breaker.failure(0)
    breaker.failure(0)
    expect(breaker.admit(0)).toBe('wait')
    expect(breaker.isOpen(0)).toBe(false)
    breaker.failure(0)
    expect(breaker.isOpen(10)).toBe(true)
    expect(breaker.admit(10)).toBe('skip')
    expect(breaker.admit(999)).toBe('skip')
    expect(breaker.isOpen(1_000)).toBe(false)
  })

  it('should send one probe after the pause, and close on its success', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    for (let i = 0; i < 3; i++) breaker.failure(0)
    expect(breaker.admit(1_000)).toBe('probe')
    expect(breaker.admit(1_001)).toBe('skip')
    breaker.success()
    expect(breaker.admit(1_002)).toBe('wait')
    expect(breaker.admit(1_003)).toBe('wait')
  })

  it('should pause again when the probe misses too', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    for (let i = 0; i < 3; i++) breaker.failure(0)
    expect(breaker.admit(1_000)).toBe('probe')
    breaker.failure(1_000)
    expect(breaker.admit(1_500)).toBe('skip')
    expect(breaker.admit(2_000)).toBe('probe')
  })

  it('should forget isolated misses once a lookup succeeds', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    breaker.failure(0)
    breaker.failure(0)
    breaker.success()
    breaker.failure(0)
    breaker.failure(0)
    expect(breaker.admit(0)).toBe('wait')
  })
})
