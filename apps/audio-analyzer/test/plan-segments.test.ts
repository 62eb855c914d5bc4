import { describe, expect, it } from 'vitest'
import { planSegments } from '../src/pipeline/plan-segments.js'

const options = { segmentSec: 600, minTailSec: 30 }

describe('planSegments', () => {
  it('tiles one part into segments that end where the next begins', () => {
    const plan = planSegments([{ index: 0, partId: 'v', startSec: 0, durationSec: 1500 }], options)
    expect(plan.map((s) => [s.startSec, s.endSec, s.offsetSec])).toEqual([
      [0, 600, 0],
      [600, 1200, 600],
      [1200, 1500, 1200],
    ])
    expect(plan.map((s) => s.segmentIndex)).toEqual([0, 1, 2])
  })

  it('folds a short remainder into the last segment instead of a sliver segment', () => {
    const plan = planSegments([{ index: 0, partId: 'v', startSec: 0, durationSec: 1210.5 }], options)
    expect(plan.map((s) => [s.startSec, s.endSec])).toEqual([
      [0, 600],
      [600, 1210.5],
    ])
  })

  it('never lets a segment span two parts and keeps VOD time across parts', () => {
    const plan = planSegments(
      [
        { index: 1, partId: 'b', startSec: 700.25, durationSec: 620 },
        { index: 0, partId: 'a', startSec: 0, durationSec: 700.25 },
      ],
      options,
    )
    expect(plan.map((s) => [s.partIndex, s.startSec, s.endSec, s.offsetSec])).toEqual([
      [0, 0, 600, 0],
      [0, 600, 700.25, 600],
      [1, 700.25, 1320.25, 0],
    ])
  })
})
