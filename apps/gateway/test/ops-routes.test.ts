import { describe, expect, it } from 'vitest'
import type { DeadLetterView } from '../src/schemas/ops.js'
import { buildWithOpsFakes } from './ops-fakes.js'

const API_KEY = 'k'.repeat(24)

function letter(id: string, group: DeadLetterView['group'] = 'vodscope.extractor'): DeadLetterView {
  return {
    id,
    group,
    at: '2026-01-02T03:04:05.000Z',
    key: 'twitch:42',
    reason: 'EXTRACT_FAILED: upstream said no',
    attempts: 5,
    original: { topic: 'vod.links.v1', partition: 0, offset: '7' },
  }
}

describe('ops API', () => {
  it('should list topics with partitions and end offsets', async () => {
    const { app, ops } = await buildWithOpsFakes()
    ops.topicsAnswer = {
      topics: [{ topic: 'vod.links.v1', partitions: [{ partition: 0, endOffset: '12' }], messages: 12 }],
    }
    const res = await app.inject('/v1/ops/topics')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual(ops.topicsAnswer)
  })

  it('should list groups with lag per partition', async () => {
    const { app, ops } = await buildWithOpsFakes()
    ops.groupsAnswer = {
      groups: [
        {
          group: 'vodscope.extractor',
          groupId: 'vodscope.extractor',
          state: 'Stable',
          members: 2,
          totalLag: 3,
          partitions: [
            { topic: 'vod.links.v1', partition: 0, endOffset: '10', committedOffset: '7', lag: 3 },
          ],
        },
      ],
    }
    const res = await app.inject('/v1/ops/groups')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual(ops.groupsAnswer)
  })

  it('should answer 503 BROKER_UNAVAILABLE with Retry-After when Kafka does not answer', async () => {
    const { app, ops } = await buildWithOpsFakes()
    ops.down = true
    const res = await app.inject('/v1/ops/groups')
    expect(res.statusCode).toBe(503)
    expect(res.json().code).toBe('BROKER_UNAVAILABLE')
    expect(res.headers['retry-after']).toBe('2')
  })

  it('should filter dead letters by group and cap them at limit, reporting the total', async () => {
    const { app, ops } = await buildWithOpsFakes()
    ops.letters = [letter('0:1'), letter('0:2'), letter('1:5', 'vodscope.chat-chunks')]
    const res = await app.inject('/v1/ops/dead-letters?group=vodscope.extractor&limit=1')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ deadLetters: [letter('0:1')], total: 2 })
    expect((await app.inject('/v1/ops/dead-letters')).json().total).toBe(3)
  })

  it('should reject an unknown group and a limit that is not a positive count', async () => {
    const { app } = await buildWithOpsFakes()
    for (const query of ['group=nope', 'limit=0', 'limit=abc', 'other=1']) {
      const res = await app.inject(`/v1/ops/dead-letters?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.json().code).toBe('VALIDATION_FAILED')
    }
  })

  it('should replay selected ids or all, and report ids that are not pending', async () => {
    const { app, ops } = await buildWithOpsFakes()
    ops.letters = [letter('0:1'), letter('0:2')]
    const some = await app.inject({
      method: 'POST',
      url: '/v1/ops/dead-letters/replay',
      payload: { group: 'vodscope.extractor', ids: ['0:2', '3:3'] },
    })
    expect(some.statusCode).toBe(200)
    expect(some.json()).toEqual({ replayed: 1, replayedIds: ['0:2'], missing: ['3:3'] })
    const all = await app.inject({
      method: 'POST',
      url: '/v1/ops/dead-letters/replay',
      payload: { group: 'vodscope.extractor', all: true },
    })
    expect(all.json().replayed).toBe(2)
    expect(ops.replays.map((r) => r.select)).toEqual([{ ids: ['0:2', '3:3'] }, { all: true }])
  })

  it('should reject a replay without a selection, with all: false, or with an unknown field', async () => {
    const { app, ops } = await buildWithOpsFakes()
    for (const payload of [
      { group: 'vodscope.extractor' },
      { group: 'vodscope.extractor', all: false },
      { group: 'vodscope.extractor', all: true, alll: true },
      { group: 'vodscope.extractor', ids: [] },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/v1/ops/dead-letters/replay', payload })
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
    }
    expect(ops.replays).toEqual([])
  })

  it('should require the API key when one is configured', async () => {
    const { app } = await buildWithOpsFakes({ API_KEYS: API_KEY })
    expect((await app.inject('/v1/ops/topics')).statusCode).toBe(401)
    expect((await app.inject({ url: '/v1/ops/topics', headers: { 'x-api-key': API_KEY } })).statusCode).toBe(
      200,
    )
  })

  it('should document every ops route with its response and error schemas in OpenAPI', async () => {
    const { app } = await buildWithOpsFakes()
    const spec = (await app.inject('/openapi.json')).json()
    for (const [path, method] of [
      ['/v1/ops/topics', 'get'],
      ['/v1/ops/groups', 'get'],
      ['/v1/ops/dead-letters', 'get'],
      ['/v1/ops/dead-letters/replay', 'post'],
      ['/v1/videos/{videoKey}/timeline', 'get'],
      ['/v1/jobs', 'get'],
    ] as const) {
      const op = spec.paths[path]?.[method]
      expect(op, path).toBeDefined()
      expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['200', '401', '500']))
      expect(op.tags.length, path).toBeGreaterThan(0)
    }
    expect(spec.paths['/']).toBeUndefined()
  })
})
