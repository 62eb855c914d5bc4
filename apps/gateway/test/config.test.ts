import { ConfigError } from '@vodscope/infra'
import { describe, expect, it } from 'vitest'
import { GATEWAY_DEFAULTS, loadGatewayConfig } from '../src/config.js'

describe('loadGatewayConfig', () => {
  it('should listen on 127.0.0.1:3000 with the defaults when nothing is set', () => {
    const config = loadGatewayConfig({})
    expect(config).toMatchObject({ ...GATEWAY_DEFAULTS, apiKeys: [] })
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000 })
    expect(config.rateLimitPerSec).toBeGreaterThanOrEqual(100)
    expect(config.infra.kafkaBrokers).toEqual(['127.0.0.1:9092'])
  })

  it('should read every variable', () => {
    const config = loadGatewayConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      API_KEYS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb',
      ALLOWED_HOSTS: 'Vodscope.example, 10.0.0.5',
      FORCE_PER_MIN: '0',
      RATE_LIMIT_PER_SEC: '0',
      PRODUCE_TIMEOUT_MS: '1500',
      TOPIC_PREFIX: 'test-1.',
      KAFKA_BROKERS: '10.0.0.1:9092',
      MONGO_DB: 'other',
    })
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      apiKeys: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'],
      allowedHosts: ['vodscope.example', '10.0.0.5'],
      forcePerMin: 0,
      rateLimitPerSec: 0,
      produceTimeoutMs: 1500,
      topicPrefix: 'test-1.',
      infra: { kafkaBrokers: ['10.0.0.1:9092'], mongoDb: 'other' },
    })
  })

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['API_KEYS', 'short'],
    ['RATE_LIMIT_PER_SEC', '-1'],
    ['PRODUCE_TIMEOUT_MS', '10'],
    ['DB_TIMEOUT_MS', '1.5'],
    ['TOPIC_PREFIX', 'has space'],
    ['LOG_LEVEL', 'loud'],
    ['HOST', 'bad host!'],
    ['ALLOWED_HOSTS', 'ok.example, bad host'],
    ['FORCE_PER_MIN', '-1'],
    ['KAFKA_BROKERS', 'nohost'],
  ])('should fail fast naming %s when it is %j', (variable, value) => {
    const load = () => loadGatewayConfig({ [variable]: value })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(new RegExp(`^${variable}: `))
  })
})
