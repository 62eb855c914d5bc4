import { describe, expect, it } from 'vitest'
import { getChatPlan } from '../src/model/chat.js'
import { getVod } from '../src/model/vod.js'

describe('chat plan', () => {
  const vod = getVod('soop', '770030200', 3) // 30 min, 200 messages per minute
  const plan = getChatPlan(vod)
  const all = plan.slice(0, plan.total)

  it('should enumerate exactly `total` messages, sorted, inside the VOD, with unique ids', () => {
    expect(all).toHaveLength(plan.total)
    expect(plan.total).toBeGreaterThan(30 * 200 * 0.9)
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length)
    for (let i = 1; i < all.length; i++) expect(all[i]!.offsetMs).toBeGreaterThanOrEqual(all[i - 1]!.offsetMs)
    expect(all.at(-1)!.offsetMs).toBeLessThan(vod.profile.durationSec * 1000)
  })

  it('should keep (offset, author) unique, which is all a SOOP client can de-duplicate on', () => {
    expect(new Set(all.map((m) => `${m.offsetMs}:${m.authorId}`)).size).toBe(all.length)
  })

  it('should agree between slice, indexAt and between', () => {
    const from = plan.indexAt(600_000)
    const to = plan.indexAt(900_000)
    expect(plan.between(600_000, 900_000)).toEqual(all.slice(from, to))
    expect(all[from]!.offsetMs).toBeGreaterThanOrEqual(600_000)
    expect(all[from - 1]!.offsetMs).toBeLessThan(600_000)
    expect(plan.slice(from + 10, from + 15)).toEqual(all.slice(from + 10, from + 15))
  })

  it('should be the same when regenerated', () => {
    expect(getChatPlan(getVod('soop', '770030200', 3)).slice(100, 110)).toEqual(all.slice(100, 110))
  })

  it('should put many more messages in a burst than in the base rate', () => {
    const burst = vod.chatBursts[0]!
    const inBurst = plan.between(burst.atSec * 1000, (burst.atSec + burst.durationSec) * 1000).length
    const baseline = (200 * burst.durationSec) / 60
    expect(inBurst).toBeGreaterThan(baseline + burst.messageCount * 0.9)
  })

  it('should give Twitch whole-second offsets', () => {
    const twitch = getChatPlan(getVod('twitch', '7700100300', 3))
    expect(twitch.slice(0, 500).every((m) => m.offsetMs % 1000 === 0)).toBe(true)
  })

  it('should have no messages when the rate is zero', () => {
    expect(getChatPlan(getVod('youtube', 's0010000abc', 1)).total).toBe(0)
  })
})
