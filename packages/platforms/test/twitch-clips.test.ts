import { describe, expect, it } from 'vitest'
import { CLIP_LIMITS, periodFor, readClipsPage } from '../src/twitch/clips.js'

const node = (over: Record<string, unknown> = {}) => ({
  id: '1',
  slug: 'BraveOtter-abc',
  title: 'clip',
  viewCount: 10,
  durationSeconds: 30,
  videoOffsetSeconds: 120,
  video: { id: '42' },
  ...over,
})
type Body = Parameters<typeof readClipsPage>[2]
const page = (nodes: unknown[], hasNextPage = false) =>
  ({
    data: {
      user: {
        clips: { edges: nodes.map((n, i) => ({ cursor: `c${i}`, node: n })), pageInfo: { hasNextPage } },
      },
    },
  }) as Body

describe('twitch clip listing answers', () => {
  it('should pick the shortest period that holds every clip since the VOD started', () => {
    const now = new Date('2026-12-04T12:00:00Z')
    expect(periodFor('2026-12-04T02:00:00Z', now)).toBe('LAST_DAY')
    expect(periodFor('2026-12-03T11:30:00Z', now)).toBe('LAST_WEEK') // within a day, but not by the margin
    expect(periodFor('2026-11-30T12:00:00Z', now)).toBe('LAST_WEEK')
    expect(periodFor('2026-11-10T12:00:00Z', now)).toBe('LAST_MONTH')
    expect(periodFor('2025-01-01T00:00:00Z', now)).toBe('ALL_TIME')
  })

  it('should skip malformed nodes and bound the strings it keeps', () => {
    const parsed = readClipsPage(
      '42',
      'someone',
      page(
        [
          node({ title: 'x'.repeat(5_000) }),
          node({ slug: 'has"quote' }),
          node({ viewCount: -1 }),
          node({ viewCount: 1.5 }),
          null,
          node({ id: 7 }),
          node({ videoOffsetSeconds: null, video: null }),
        ],
        true,
      ),
    )
    expect(parsed.nodes).toHaveLength(2)
    expect(parsed.nodes[0]!.title).toHaveLength(CLIP_LIMITS.maxTitle)
    expect(parsed.nodes[1]).toMatchObject({ videoId: undefined, offsetSec: undefined })
    expect(parsed).toMatchObject({ hasNextPage: true, cursor: 'c6' })
  })

  it('should not follow a cursor that could break out of the query text', () => {
    const body = page([node()], true)
    body.data!.user!.clips!.edges![0]!.cursor = 'abc") { evil }'
    expect(readClipsPage('42', 'someone', body).cursor).toBeUndefined()
  })

  it('should fail as not found for a channel Twitch does not know, as bad response without edges', () => {
    expect(() => readClipsPage('42', 'nobody', { data: { user: null } })).toThrow(
      expect.objectContaining({ code: 'PLATFORM_VIDEO_NOT_FOUND' }),
    )
    expect(() => readClipsPage('42', 'someone', { data: { user: { clips: null } } })).toThrow(
      expect.objectContaining({ code: 'PLATFORM_BAD_RESPONSE' }),
    )
  })
})
