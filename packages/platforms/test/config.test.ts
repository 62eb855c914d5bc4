import { describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URLS, platformsConfigFromEnv, resolvePlatformsConfig } from '../src/index.js'

describe('platforms config', () => {
  it('should default to the real hosts', () => {
    expect(resolvePlatformsConfig().baseUrls).toEqual(DEFAULT_BASE_URLS)
  })

  it('should apply shared limits, then per-upstream ones', () => {
    const config = resolvePlatformsConfig({
      limits: { concurrency: 2 },
      hostLimits: { twitchGql: { ratePerSec: 50 } },
    })
    expect(config.limits.twitchGql).toEqual({ concurrency: 2, ratePerSec: 50 })
    expect(config.limits.soopChat).toEqual({ concurrency: 2, ratePerSec: 5 })
  })

  it('should point every upstream at VODSCOPE_UPSTREAM_URL unless a specific variable overrides it', () => {
    const input = platformsConfigFromEnv({
      VODSCOPE_UPSTREAM_URL: 'http://127.0.0.1:4010/',
      VODSCOPE_SOOP_CHAT_URL: 'http://127.0.0.1:4011',
      VODSCOPE_UPSTREAM_CONCURRENCY: '4',
    })
    const config = resolvePlatformsConfig(input)
    expect(config.baseUrls.twitchGql).toBe('http://127.0.0.1:4010')
    expect(config.baseUrls.soopChat).toBe('http://127.0.0.1:4011')
    expect(config.limits.youtube.concurrency).toBe(4)
  })

  it('should fail fast, naming the variable, on a bad value', () => {
    expect(() => platformsConfigFromEnv({ VODSCOPE_TWITCH_GQL_URL: 'gql.twitch.tv' })).toThrow(
      /VODSCOPE_TWITCH_GQL_URL/,
    )
    expect(() => platformsConfigFromEnv({ VODSCOPE_UPSTREAM_TIMEOUT_MS: '-1' })).toThrow(
      /VODSCOPE_UPSTREAM_TIMEOUT_MS/,
    )
    expect(() => resolvePlatformsConfig({ baseUrls: { youtube: 'ftp://x' } })).toThrow(/baseUrls.youtube/)
  })
})
