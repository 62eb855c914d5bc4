import { ConfigError } from '@vodscope/infra'
import { describe, expect, it } from 'vitest'
import { GATEWAY_DEFAULTS, loadGatewayConfig, RENAMED_VARIABLES } from '../src/config.js'

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
      infra: { kafkaBrokers: ['10.0.0.1:9092'], mongoDb: 'other', topicPrefix: 'test-1.' },
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

  it('should read each setting under its VODSCOPE_ name and note no deprecated name', () => {
    const config = loadGatewayConfig({
      VODSCOPE_GATEWAY_HOST: '0.0.0.0',
      VODSCOPE_GATEWAY_PORT: '8080',
      VODSCOPE_GATEWAY_API_KEYS: 'aaaaaaaaaaaaaaaa',
      VODSCOPE_GATEWAY_ALLOWED_HOSTS: 'vodscope.example',
      VODSCOPE_GATEWAY_FORCE_PER_MIN: '1',
      VODSCOPE_GATEWAY_RATE_LIMIT_PER_SEC: '2',
      VODSCOPE_GATEWAY_BODY_LIMIT_BYTES: '2048',
      VODSCOPE_GATEWAY_PRODUCE_TIMEOUT_MS: '1500',
      VODSCOPE_GATEWAY_PRODUCE_MAX_BATCH: '10',
      VODSCOPE_GATEWAY_PRODUCE_LINGER_MS: '5',
      VODSCOPE_GATEWAY_DB_TIMEOUT_MS: '900',
      VODSCOPE_GATEWAY_INTAKE_DB_TIMEOUT_MS: '90',
      VODSCOPE_LOG_LEVEL: 'warn',
    })
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      apiKeys: ['aaaaaaaaaaaaaaaa'],
      allowedHosts: ['vodscope.example'],
      forcePerMin: 1,
      rateLimitPerSec: 2,
      bodyLimitBytes: 2048,
      produceTimeoutMs: 1500,
      produceMaxBatch: 10,
      produceLingerMs: 5,
      dbTimeoutMs: 900,
      intakeDbTimeoutMs: 90,
      logLevel: 'warn',
      deprecatedVariables: [],
    })
  })

  it('should still read an old name, prefer the new one when both are set, and note the old one', () => {
    const config = loadGatewayConfig({ PORT: '8080', LOG_LEVEL: 'warn', HOST: '10.0.0.1' })
    expect(config).toMatchObject({ port: 8080, logLevel: 'warn', host: '10.0.0.1' })
    expect(config.deprecatedVariables).toEqual([
      'HOST → VODSCOPE_GATEWAY_HOST',
      'PORT → VODSCOPE_GATEWAY_PORT',
      'LOG_LEVEL → VODSCOPE_LOG_LEVEL',
    ])
    const both = loadGatewayConfig({ PORT: '8080', VODSCOPE_GATEWAY_PORT: '9090' })
    expect(both.port).toBe(9090)
    expect(both.deprecatedVariables).toEqual([])
  })

  it.each(Object.entries(RENAMED_VARIABLES))('should name %s in its errors', (current) => {
    const load = () => loadGatewayConfig({ [current]: 'not valid!' })
    expect(load).toThrow(new RegExp(`^${current}: `))
  })
})
