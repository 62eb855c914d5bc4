import { describe, expect, it } from 'vitest'
import { jobDoc } from './fixtures.js'
import { buildWithOpsFakes } from './ops-fakes.js'

describe('GET /v1/jobs', () => {
  it('should list the newest jobs first, up to limit', async () => {
    const { app, jobs } = await buildWithOpsFakes()
    for (const [id, minute] of [
      ['a', 1],
      ['b', 3],
      ['c', 2],
    ] as const) {
      const at = new Date(`2026-01-02T03:0${minute}:00.000Z`)
      jobs.docs.set(id, jobDoc({ _id: id, createdAt: at, updatedAt: at }))
    }
    const res = await app.inject('/v1/jobs?limit=2')
    expect(res.statusCode).toBe(200)
    expect(res.json().jobs.map((j: { jobId: string }) => j.jobId)).toEqual(['b', 'c'])
    expect(res.json().jobs[0]).toMatchObject({ videoKey: 'twitch:42', finished: false })
  })

  it('should reject a limit that is not a positive count', async () => {
    const { app } = await buildWithOpsFakes()
    expect((await app.inject('/v1/jobs?limit=-1')).statusCode).toBe(400)
  })
})
