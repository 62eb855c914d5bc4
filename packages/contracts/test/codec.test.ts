import { describe, expect, it } from 'vitest'
import {
  allTopics,
  CONTRACT_ERRORS,
  ContractError,
  codecs,
  createCodec,
  GROUPS,
  LIMITS,
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

describe('upper bounds on sizes', () => {
  const envelopeOf = {
    version: 1,
    jobId: 'job_1',
    videoKey: 'twitch:1',
    platform: 'twitch',
    videoId: '1',
  } as const
  const part = { index: 0, partId: '1', startSec: 0, durationSec: 3600 }
  const chunk = { ...envelopeOf, chunkIndex: 0, chunkCount: 1, startSec: 0, endSec: 60, part }
  const segment = {
    ...envelopeOf,
    segmentIndex: 0,
    segmentCount: 1,
    startSec: 0,
    endSec: 600,
    source: { kind: 'hls', url: 'https://x.ttvnw.net/a.m3u8', offsetSec: 0 },
  } as const
  const video = {
    ...envelopeOf,
    title: 't',
    durationSec: 3600,
    channel: { id: 'c', name: 'n' },
    parts: [part],
    extractedAt: '2026-11-21T12:00:00.000Z',
  }
  const refuse = (topic: keyof typeof codecs, value: unknown, path: RegExp) => {
    const run = () => codecs[topic].decode(JSON.stringify(value))
    expect(run).toThrow(ContractError)
    expect(run).toThrow(path)
  }

  it('should accept messages inside the bounds', () => {
    expect(codecs[TOPICS.chatChunks].check(chunk)).toEqual(chunk)
    expect(codecs[TOPICS.audioSegments].check(segment)).toEqual(segment)
    expect(codecs[TOPICS.videos].check(video)).toEqual(video)
  })

  it('should refuse a chat chunk of endSec 4e8, or one that ends before it starts', () => {
    refuse(TOPICS.chatChunks, { ...chunk, endSec: 4e8 }, /endSec/)
    refuse(TOPICS.chatChunks, { ...chunk, startSec: 100_000, endSec: 200_000 }, /range/)
    refuse(TOPICS.chatChunks, { ...chunk, startSec: 60, endSec: 0 }, /range/)
  })

  it('should refuse an audio segment longer than the largest segment, or a billion segments', () => {
    refuse(TOPICS.audioSegments, { ...segment, endSec: LIMITS.maxSegmentSec + 1 }, /range/)
    refuse(TOPICS.audioSegments, { ...segment, segmentCount: 1e9 }, /segmentCount/)
  })

  it('should refuse a video of 1e12 seconds, an endless title or too many parts', () => {
    refuse(TOPICS.videos, { ...video, durationSec: 1e12 }, /durationSec/)
    refuse(TOPICS.videos, { ...video, parts: [{ ...part, durationSec: 1e12 }] }, /durationSec/)
    refuse(TOPICS.videos, { ...video, title: 'x'.repeat(LIMITS.maxTitle + 1) }, /title/)
    refuse(
      TOPICS.videos,
      { ...video, parts: Array.from({ length: LIMITS.maxParts + 1 }, () => part) },
      /parts/,
    )
  })
})
