import { describe, expect, it } from 'vitest'
import { failureMessage } from '../src/hand-off.js'
import { applicationHeaders } from '../src/headers.js'
import { FAILURE_HEADERS, headersToStrings, REPLAYED_FROM_HEADER, readFailure } from '../src/index.js'

const failure = { code: 'WORKER_RETRYABLE', retryable: true, message: 'upstream timed out' }

describe('failure headers', () => {
  it('should record the first delivery, the error and the due time', () => {
    const now = new Date('2026-01-01T00:00:00.000Z')
    const due = new Date('2026-01-01T00:00:02.000Z')
    const message = failureMessage(
      'vodscope.extractor',
      {
        topic: 'vod.links.v1',
        partition: 3,
        offset: '42',
        key: Buffer.from('youtube:abc'),
        value: Buffer.from('{}'),
        headers: { traceparent: 't-1' },
        prior: undefined,
        attempt: 1,
      },
      failure,
      now,
      due,
    )
    const headers = headersToStrings(message.headers)
    expect(headers.traceparent).toBe('t-1')
    expect(readFailure(headers)).toEqual({
      originalTopic: 'vod.links.v1',
      originalPartition: 3,
      originalOffset: '42',
      originalKey: 'youtube:abc',
      group: 'vodscope.extractor',
      errorCode: 'WORKER_RETRYABLE',
      errorMessage: 'upstream timed out',
      retryable: true,
      attempts: 1,
      firstFailureAt: now.toISOString(),
      lastFailureAt: now.toISOString(),
      dueAt: due.toISOString(),
    })
  })

  it('should keep the original coordinates and first failure time across retries', () => {
    const first = new Date('2026-01-01T00:00:00.000Z')
    const later = new Date('2026-01-01T00:05:00.000Z')
    const prior = readFailure(
      headersToStrings(
        failureMessage(
          'g',
          {
            topic: 't',
            partition: 1,
            offset: '9',
            key: null,
            value: null,
            headers: {},
            prior: undefined,
            attempt: 1,
          },
          failure,
          first,
          later,
        ).headers,
      ),
    )
    const again = failureMessage(
      'g',
      {
        topic: 'g.retry',
        partition: 0,
        offset: '77',
        key: null,
        value: null,
        headers: {},
        prior,
        attempt: 2,
      },
      { code: 'WORKER_PERMANENT', retryable: false, message: 'gone' },
      later,
    )
    const info = readFailure(headersToStrings(again.headers))
    expect(info).toMatchObject({
      originalTopic: 't',
      originalPartition: 1,
      originalOffset: '9',
      originalKey: null,
      attempts: 2,
      errorCode: 'WORKER_PERMANENT',
      firstFailureAt: first.toISOString(),
      lastFailureAt: later.toISOString(),
    })
    expect(info?.dueAt).toBeUndefined()
  })

  it('should cut long error messages', () => {
    const message = failureMessage(
      'g',
      {
        topic: 't',
        partition: 0,
        offset: '0',
        key: null,
        value: null,
        headers: {},
        prior: undefined,
        attempt: 1,
      },
      { ...failure, message: 'x'.repeat(10_000) },
      new Date(),
    )
    expect(headersToStrings(message.headers)[FAILURE_HEADERS.errorMessage]).toHaveLength(1_000)
  })

  it('should strip worker-kit bookkeeping and keep the producer headers', () => {
    const headers = { a: '1', [FAILURE_HEADERS.attempts]: '3', [REPLAYED_FROM_HEADER]: 'x' }
    expect(applicationHeaders(headers)).toEqual({ a: '1' })
    expect(headersToStrings({ b: Buffer.from('2'), c: ['3', '4'], d: undefined })).toEqual({ b: '2', c: '3' })
    expect(readFailure({ a: '1' })).toBeUndefined()
  })
})
