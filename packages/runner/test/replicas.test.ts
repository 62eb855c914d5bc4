import { describe, expect, it } from 'vitest'
import { parseReplicas } from '../src/replicas.js'

describe('parseReplicas', () => {
  it('starts from one replica of everything', () => {
    expect(parseReplicas([])).toEqual({ gateway: 1, extractor: 1, 'chat-crawler': 1, 'audio-analyzer': 1 })
  })

  it('reads app=count lists from several sources, later ones winning', () => {
    expect(parseReplicas(['extractor=3,chat-crawler=2', 'extractor=4'])).toMatchObject({
      extractor: 4,
      'chat-crawler': 2,
      'audio-analyzer': 1,
    })
  })

  it.each([
    ['extractor', /not app=count/],
    ['nope=2', /unknown app "nope"/],
    ['gateway=2', /runs once/],
    ['extractor=99', /use 0 to 32/],
    ['extractor=-1', /not app=count/],
  ])('rejects %s with a clear reason', (spec, reason) => {
    expect(() => parseReplicas([spec])).toThrow(reason)
  })
})
