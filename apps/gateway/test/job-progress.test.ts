import type { JobEventV1 } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { applyJobEvent } from '../src/views/job-progress.js'
import { toJobView } from '../src/views/job-view.js'
import { jobDoc } from './fixtures.js'

const base = { version: 1, jobId: 'job1', videoKey: 'twitch:42', platform: 'twitch', videoId: '42' } as const

describe('applyJobEvent', () => {
  it('should record start and finish times and progress of a stage', () => {
    let view = toJobView(jobDoc())
    const running: JobEventV1 = { ...base, stage: 'chat', status: 'running', at: '2026-01-02T03:05:00.000Z' }
    view = applyJobEvent(view, running)
    view = applyJobEvent(view, {
      ...running,
      status: 'done',
      progress: { done: 5, total: 5 },
      at: '2026-01-02T03:06:00.000Z',
    })
    expect(view.stages.chat).toMatchObject({
      status: 'done',
      progress: { done: 5, total: 5 },
      startedAt: '2026-01-02T03:05:00.000Z',
      finishedAt: '2026-01-02T03:06:00.000Z',
    })
    expect(view.updatedAt).toBe('2026-01-02T03:06:00.000Z')
    expect(view.finished).toBe(false)
  })

  it('should keep an ended stage ended when an older event arrives late', () => {
    const doc = jobDoc()
    doc.stages.audio.status = 'done'
    const view = applyJobEvent(toJobView(doc), {
      ...base,
      stage: 'audio',
      status: 'running',
      at: '2026-01-02T03:00:00.000Z',
    })
    expect(view.stages.audio.status).toBe('done')
  })
})
