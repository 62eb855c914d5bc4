import { describe, expect, it } from 'vitest'
import {
  allTopics,
  CONTRACT_ERRORS,
  ContractError,
  codecs,
  createCodec,
  GROUPS,
  type LinkSubmittedV1,
  SubmitLinksBody,
  TOPICS,
} from '../src/index.js'

const link: LinkSubmittedV1 = {
  version: 1,
  jobId: 'job_abc-123',
  videoKey: 'twitch:123',
  platform: 'twitch',
  videoId: '123',
  submittedAt: '2026-11-21T12:00:00.000Z',
  force: false,
}
const codec = codecs[TOPICS.links]

function decodeError(data: string): ContractError {
  try {
    codec.decode(Buffer.from(data))
  } catch (err) {
    if (err instanceof ContractError) return err
    throw err
  }
  throw new Error('decode should have thrown')
}

describe('message codec', () => {
  it('round-trips a valid message unchanged', () => {
    expect(codec.decode(codec.encode(link))).toEqual(link)
  })

  it('keeps unknown fields of an event, so producers can add optional fields', () => {
    const decoded = codec.decode(JSON.stringify({ ...link, addedLater: 'x' }))
    expect(decoded).toMatchObject({ addedLater: 'x' })
  })

  it('rejects invalid JSON with CONTRACT_INVALID_JSON', () => {
    const err = decodeError('{"version":1,')
    expect(err.code).toBe('CONTRACT_INVALID_JSON')
    expect(err.retryable).toBe(false)
  })

  it('rejects a missing value', () => {
    expect(() => codec.decode(null)).toThrow(/no value/)
  })

  it('names the failing path of a wrong type, without coercing', () => {
    const err = decodeError(JSON.stringify({ ...link, force: 'true' }))
    expect(err.code).toBe('CONTRACT_INVALID_PAYLOAD')
    expect(err.path).toBe('/force')
    expect(err.message).toContain('/force')
  })

  it('names a missing required field', () => {
    const { jobId: _omit, ...rest } = link
    const err = decodeError(JSON.stringify(rest))
    expect(err.code).toBe('CONTRACT_INVALID_PAYLOAD')
    expect(err.message).toContain('jobId')
  })

  it('rejects a platform outside the allow-list and a malformed time', () => {
    expect(decodeError(JSON.stringify({ ...link, platform: 'vimeo' })).path).toBe('/platform')
    expect(decodeError(JSON.stringify({ ...link, submittedAt: 'yesterday' })).path).toBe('/submittedAt')
  })

  it('reports another schema version as CONTRACT_UNSUPPORTED_VERSION', () => {
    const err = decodeError(JSON.stringify({ ...link, version: 2 }))
    expect(err.code).toBe('CONTRACT_UNSUPPORTED_VERSION')
    expect(err.path).toBe('/version')
  })

  it('refuses to encode an invalid message', () => {
    expect(() => codec.encode({ ...link, videoKey: 'nope' } as LinkSubmittedV1)).toThrow(ContractError)
  })

  it('rejects unknown fields of a closed HTTP body and names them', () => {
    const body = createCodec(SubmitLinksBody, 'SubmitLinksBody')
    expect(() => body.check({ links: ['https://youtu.be/dQw4w9WgXcQ'], extra: 1 })).toThrow(/extra/)
    expect(() => body.check({ links: [] })).toThrow(ContractError)
    expect(body.check({ links: ['x'], force: true })).toEqual({ links: ['x'], force: true })
  })

  it('has a unique, documented code per error', () => {
    const codes = Object.keys(CONTRACT_ERRORS)
    expect(new Set(codes).size).toBe(codes.length)
    for (const text of Object.values(CONTRACT_ERRORS)) expect(text.length).toBeGreaterThan(10)
  })
})

describe('topics', () => {
  it('lists every main topic and a retry and dead-letter topic per group, without duplicates', () => {
    const topics = allTopics()
    expect(new Set(topics).size).toBe(topics.length)
    for (const topic of Object.values(TOPICS)) expect(topics).toContain(topic)
    for (const group of Object.values(GROUPS)) {
      expect(topics).toContain(`${group}.retry`)
      expect(topics).toContain(`${group}.dlq`)
    }
  })
})
