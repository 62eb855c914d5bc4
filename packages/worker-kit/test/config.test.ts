import { ConfigError } from '@vodscope/infra'
import { describe, expect, it } from 'vitest'
import { resolveWorkerConfig } from '../src/config.js'
import {
  DEFAULT_CONCURRENCY,
  loadProcessConfig,
  loadWorkerConfig,
  PROCESS_DEFAULTS,
  RETRY_DEFAULTS,
} from '../src/index.js'

describe('loadWorkerConfig', () => {
  it('should use the defaults from code when the environment says nothing', () => {
    expect(loadWorkerConfig({}, 'chat-chunks', { group: 'vodscope.chat-chunks', concurrency: 8 })).toEqual({
      group: 'vodscope.chat-chunks',
      concurrency: 8,
      retry: { ...RETRY_DEFAULTS },
    })
  })

  it('should prefer the per-worker variable over the shared one', () => {
    const env = {
      VODSCOPE_CONCURRENCY: '4',
      VODSCOPE_CHAT_CHUNKS_CONCURRENCY: '32',
      VODSCOPE_CHAT_CHUNKS_GROUP: 'test-group',
      VODSCOPE_RETRY_ATTEMPTS: '3',
      VODSCOPE_RETRY_BASE_MS: '200',
      VODSCOPE_RETRY_MAX_MS: '5000',
    }
    expect(loadWorkerConfig(env, 'chat-chunks', { group: 'vodscope.chat-chunks' })).toEqual({
      group: 'test-group',
      concurrency: 32,
      retry: { attempts: 3, baseMs: 200, maxMs: 5_000, jitter: RETRY_DEFAULTS.jitter },
    })
    expect(loadWorkerConfig(env, 'extractor', { group: 'g' }).concurrency).toBe(4)
  })

  it('should name the variable that is wrong', () => {
    const bad = (env: NodeJS.ProcessEnv) => () => loadWorkerConfig(env, 'extractor', { group: 'g' })
    expect(bad({ VODSCOPE_EXTRACTOR_CONCURRENCY: 'many' })).toThrow(/VODSCOPE_EXTRACTOR_CONCURRENCY/)
    expect(bad({ VODSCOPE_CONCURRENCY: '0' })).toThrow(ConfigError)
    expect(bad({ VODSCOPE_RETRY_ATTEMPTS: '1.5' })).toThrow(/VODSCOPE_RETRY_ATTEMPTS/)
    expect(bad({ VODSCOPE_RETRY_BASE_MS: '5000', VODSCOPE_RETRY_MAX_MS: '100' })).toThrow(
      /VODSCOPE_RETRY_MAX_MS/,
    )
    expect(bad({ VODSCOPE_EXTRACTOR_GROUP: 'has space' })).toThrow(/VODSCOPE_EXTRACTOR_GROUP/)
  })
})

describe('loadProcessConfig', () => {
  it('should default to no metrics server and an eight-second shutdown', () => {
    const config = loadProcessConfig({})
    expect(config).toMatchObject(PROCESS_DEFAULTS)
    expect(config.infra.kafkaBrokers).toEqual(['127.0.0.1:9092'])
  })

  it('should reject a bad port, deadline, log level or broker list by name', () => {
    expect(() => loadProcessConfig({ VODSCOPE_METRICS_PORT: '70000' })).toThrow(/VODSCOPE_METRICS_PORT/)
    expect(() => loadProcessConfig({ VODSCOPE_SHUTDOWN_MS: '-1' })).toThrow(/VODSCOPE_SHUTDOWN_MS/)
    expect(() => loadProcessConfig({ VODSCOPE_LOG_LEVEL: 'loud' })).toThrow(/VODSCOPE_LOG_LEVEL/)
    expect(() => loadProcessConfig({ KAFKA_BROKERS: 'nope' })).toThrow(/KAFKA_BROKERS/)
  })
})

describe('resolveWorkerConfig', () => {
  const declared = { name: 'chat-chunks', group: 'vodscope.chat-chunks', concurrency: 8 }

  it("should use the app's options over the kit's defaults when the worker has no environment", () => {
    expect(resolveWorkerConfig(declared)).toEqual({
      group: 'vodscope.chat-chunks',
      concurrency: 8,
      retry: { ...RETRY_DEFAULTS },
    })
    expect(resolveWorkerConfig({ name: 'x', group: 'g' }).concurrency).toBe(DEFAULT_CONCURRENCY)
  })

  it("should let the worker's environment override its options, as loadWorkerConfig reads them", () => {
    const env = { VODSCOPE_CHAT_CHUNKS_CONCURRENCY: '32', VODSCOPE_RETRY_ATTEMPTS: '2' }
    expect(resolveWorkerConfig({ ...declared, env })).toEqual(loadWorkerConfig(env, 'chat-chunks', declared))
    expect(resolveWorkerConfig({ ...declared, env })).toMatchObject({
      concurrency: 32,
      retry: { attempts: 2 },
    })
  })
})
