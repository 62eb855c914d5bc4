import { describe, expect, it } from 'vitest'
import { DbBreaker } from '../src/services/db-breaker.js'

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }

describe('DbBreaker', () => {
  it('should stop intake waiting after three missed deadlines in a row, for one second', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    breaker.failure(0)
    breaker.failure(0)
    expect(breaker.allow(0)).toBe(true)
    expect(breaker.isOpen(0)).toBe(false)
    breaker.failure(0)
    expect(breaker.isOpen(10)).toBe(true)
    expect(breaker.allow(10)).toBe(false)
    expect(breaker.allow(999)).toBe(false)
    expect(breaker.isOpen(1_000)).toBe(false)
  })

  it('should let one request probe after the pause, and close on its success', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    for (let i = 0; i < 3; i++) breaker.failure(0)
    expect(breaker.allow(1_000)).toBe(true)
    expect(breaker.allow(1_001)).toBe(false)
    breaker.success()
    expect(breaker.allow(1_002)).toBe(true)
    expect(breaker.allow(1_003)).toBe(true)
  })

  it('should pause again when the probe misses too', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    for (let i = 0; i < 3; i++) breaker.failure(0)
    expect(breaker.allow(1_000)).toBe(true)
    breaker.failure(1_000)
    expect(breaker.allow(1_500)).toBe(false)
    expect(breaker.allow(2_000)).toBe(true)
  })

  it('should forget isolated misses once a lookup succeeds', () => {
    const breaker = new DbBreaker(quiet, 3, 1_000)
    breaker.failure(0)
    breaker.failure(0)
    breaker.success()
    breaker.failure(0)
    breaker.failure(0)
    expect(breaker.allow(0)).toBe(true)
  })
})
