import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../src/config.js'
import { loadStackConfig, REPO_ROOT, stackEndpoints } from '../src/devstack/stack-config.js'

describe('loadStackConfig', () => {
  it('should default to the shared stack on the standard ports under .devstack', () => {
    const config = loadStackConfig({})
    expect(config).toMatchObject({
      kafkaPort: 9092,
      controllerPort: 9093,
      mongoPort: 27017,
      stackDir: join(REPO_ROOT, '.devstack/state'),
      cacheDir: join(REPO_ROOT, '.devstack/cache'),
      externalKafka: undefined,
      externalMongo: undefined,
      mongoServer: 'mongo-java-server',
      mongoCommit: 'ack',
    })
    expect(stackEndpoints(config)).toEqual({
      kafkaBrokers: ['127.0.0.1:9092'],
      mongoUrl: 'mongodb://127.0.0.1:27017',
    })
  })

  it('should move ports and state for a second stack but keep the shared cache', () => {
    const config = loadStackConfig({
      VODSCOPE_KAFKA_PORT: '19092',
      VODSCOPE_KAFKA_CONTROLLER_PORT: '19093',
      VODSCOPE_MONGO_PORT: '27018',
      VODSCOPE_STACK_DIR: '/tmp/second-stack',
    })
    expect(config).toMatchObject({ kafkaPort: 19092, controllerPort: 19093, mongoPort: 27018 })
    expect(config.stackDir).toBe('/tmp/second-stack')
    expect(config.cacheDir).toBe(join(REPO_ROOT, '.devstack/cache'))
    expect(stackEndpoints(config).kafkaBrokers).toEqual(['127.0.0.1:19092'])
  })

  it('should use external servers from KAFKA_BROKERS and MONGO_URL instead of starting its own', () => {
    const config = loadStackConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092', MONGO_URL: 'mongodb://db:27017' })
    expect(stackEndpoints(config)).toEqual({
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      mongoUrl: 'mongodb://db:27017',
    })
  })

  it('should name the variable when a port is not a port', () => {
    expect(() => loadStackConfig({ VODSCOPE_MONGO_PORT: '70000' })).toThrow(ConfigError)
    expect(() => loadStackConfig({ VODSCOPE_MONGO_PORT: 'abc' })).toThrow(/VODSCOPE_MONGO_PORT/)
  })

  it('should refuse two components on one port', () => {
    expect(() => loadStackConfig({ VODSCOPE_KAFKA_CONTROLLER_PORT: '9092' })).toThrow(/three different ports/)
  })

  it('should accept only known Mongo-compatible servers', () => {
    expect(loadStackConfig({ VODSCOPE_MONGO_SERVER: 'ferretdb' }).mongoServer).toBe('ferretdb')
    expect(loadStackConfig({ VODSCOPE_MONGO_SERVER: 'mongo-java-server-memory' }).mongoServer).toBe(
      'mongo-java-server-memory',
    )
    expect(() => loadStackConfig({ VODSCOPE_MONGO_SERVER: 'mongod' })).toThrow(/VODSCOPE_MONGO_SERVER/)
  })

  it('should accept only known commit modes', () => {
    expect(loadStackConfig({ VODSCOPE_MONGO_COMMIT: 'background' }).mongoCommit).toBe('background')
    expect(() => loadStackConfig({ VODSCOPE_MONGO_COMMIT: 'never' })).toThrow(/VODSCOPE_MONGO_COMMIT/)
  })
})
