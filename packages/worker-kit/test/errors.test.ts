import { CONTRACT_ERRORS, ContractError } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { classifyFailure, describeFailure, WORKER_ERRORS, WorkerError } from '../src/index.js'

describe('error catalogue', () => {
  it('should give every code a WORKER_ prefix, a doc line and a retryable flag', () => {
    for (const [code, entry] of Object.entries(WORKER_ERRORS)) {
      expect(code).toMatch(/^WORKER_[A-Z_]+$/)
      expect(entry.doc.length).toBeGreaterThan(10)
      expect(typeof entry.retryable).toBe('boolean')
    }
  })

  it('should not reuse a code of another catalogue the runtime routes', () => {
    const codes = [...Object.keys(WORKER_ERRORS), ...Object.keys(CONTRACT_ERRORS)]
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('should take retryable from the catalogue entry of the code', () => {
    expect(new WorkerError('WORKER_PERMANENT', 'x').retryable).toBe(false)
    expect(new WorkerError('WORKER_RETRYABLE', 'x').retryable).toBe(true)
  })
})

describe('classifyFailure', () => {
  it('should route by the retryable flag and keep the code of any catalogue', () => {
    expect(classifyFailure(new WorkerError('WORKER_PERMANENT', 'bad input'))).toEqual({
      code: 'WORKER_PERMANENT',
      retryable: false,
      message: 'bad input',
    })
    const contract = new ContractError('CONTRACT_INVALID_JSON', 'not json')
    expect(classifyFailure(contract)).toMatchObject({ code: 'CONTRACT_INVALID_JSON', retryable: false })
    const foreign = Object.assign(new Error('upstream 503'), {
      code: 'PLATFORM_UNAVAILABLE',
      retryable: true,
    })
    expect(classifyFailure(foreign)).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', retryable: true })
  })

  it('should count an error without a retryable flag as retryable, whatever its message says', () => {
    expect(classifyFailure(new Error('permanent failure, do not retry'))).toEqual({
      code: 'WORKER_UNEXPECTED',
      retryable: true,
      message: 'permanent failure, do not retry',
    })
    expect(classifyFailure('a string')).toMatchObject({ code: 'WORKER_UNEXPECTED', retryable: true })
    expect(classifyFailure(undefined)).toMatchObject({ code: 'WORKER_UNEXPECTED', retryable: true })
  })

  it('should fall back to a generic code when a flagged error has none', () => {
    expect(classifyFailure({ retryable: false, message: 'no' })).toMatchObject({ code: 'WORKER_PERMANENT' })
    expect(classifyFailure({ retryable: true, message: 'later' })).toMatchObject({ code: 'WORKER_RETRYABLE' })
  })

  it("should describe a failure for a job with its own code, or the caller's fallback", () => {
    const foreign = Object.assign(new Error('ffmpeg exited 1'), { code: 'AUDIO_DECODE_FAILED' })
    expect(describeFailure(foreign, 'AUDIO_UNEXPECTED')).toEqual({
      code: 'AUDIO_DECODE_FAILED',
      message: 'ffmpeg exited 1',
    })
    expect(describeFailure(new Error('boom'), 'AUDIO_UNEXPECTED')).toEqual({
      code: 'AUDIO_UNEXPECTED',
      message: 'boom',
    })
    expect(describeFailure('a string', 'CHAT_UNEXPECTED')).toEqual({
      code: 'CHAT_UNEXPECTED',
      message: 'a string',
    })
  })
})
