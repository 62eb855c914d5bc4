import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  deprecationWarning,
  LOG_LEVELS,
  loadInfraConfig,
  readEnum,
  readHost,
  readLogLevel,
  renamedVariables,
} from '../src/index.js'

describe('config readers', () => {
  it('should read a choice, fall back when unset, and name the variable and the choices otherwise', () => {
    const roles = ['all', 'planner'] as const
    expect(readEnum({ ROLE: ' planner ' }, 'ROLE', roles, 'all')).toBe('planner')
    expect(readEnum({}, 'ROLE', roles, 'all')).toBe('all')
    expect(() => readEnum({ ROLE: 'mixer' }, 'ROLE', roles, 'all')).toThrow(
      /^ROLE: must be one of all, planner, got "mixer"$/,
    )
  })

  it('should read the log level from VODSCOPE_LOG_LEVEL unless told another variable', () => {
    expect(readLogLevel({ VODSCOPE_LOG_LEVEL: 'debug' }, 'info')).toBe('debug')
    expect(readLogLevel({ LEVEL: 'warn' }, 'info', 'LEVEL')).toBe('warn')
    expect(() => readLogLevel({ VODSCOPE_LOG_LEVEL: 'loud' }, 'info')).toThrow(/^VODSCOPE_LOG_LEVEL: /)
    expect(LOG_LEVELS).toContain('silent')
  })

  it('should read a host and refuse anything that is not one', () => {
    expect(readHost({ H: '0.0.0.0' }, 'H', '127.0.0.1')).toBe('0.0.0.0')
    expect(readHost({}, 'H', '127.0.0.1')).toBe('127.0.0.1')
    expect(() => readHost({ H: 'bad host!' }, 'H', '127.0.0.1')).toThrow(ConfigError)
  })

  it('should read TOPIC_PREFIX once, for every process', () => {
    expect(loadInfraConfig({ TOPIC_PREFIX: 'test-1.' }).topicPrefix).toBe('test-1.')
    expect(() => loadInfraConfig({ TOPIC_PREFIX: 'has space' })).toThrow(/^TOPIC_PREFIX: /)
  })
})

describe('renamedVariables', () => {
  const renames = { VODSCOPE_GATEWAY_PORT: 'PORT', VODSCOPE_LOG_LEVEL: 'LOG_LEVEL' }

  it('should read the new name, else the old one, and note each old name read once', () => {
    const renamed = renamedVariables({ PORT: '1', LOG_LEVEL: 'warn', VODSCOPE_LOG_LEVEL: '' }, renames)
    expect(renamed.name('VODSCOPE_GATEWAY_PORT')).toBe('PORT')
    expect(renamed.name('VODSCOPE_GATEWAY_PORT')).toBe('PORT')
    expect(renamed.name('VODSCOPE_LOG_LEVEL')).toBe('LOG_LEVEL')
    expect(renamed.used).toEqual(['PORT → VODSCOPE_GATEWAY_PORT', 'LOG_LEVEL → VODSCOPE_LOG_LEVEL'])
  })

  it('should prefer the new name when both are set, and note nothing', () => {
    const renamed = renamedVariables({ PORT: '1', VODSCOPE_GATEWAY_PORT: '2' }, renames)
    expect(renamed.name('VODSCOPE_GATEWAY_PORT')).toBe('VODSCOPE_GATEWAY_PORT')
    expect(renamed.name('VODSCOPE_LOG_LEVEL')).toBe('VODSCOPE_LOG_LEVEL')
    expect(renamed.used).toEqual([])
  })

  it('should put every old name in one warning line, and give none without them', () => {
    const line = deprecationWarning(['PORT → VODSCOPE_GATEWAY_PORT', 'HOST → VODSCOPE_GATEWAY_HOST'])
    expect(line).toMatch(/^deprecated environment variables .*: PORT → VODSCOPE_GATEWAY_PORT, HOST → /)
    expect(line).not.toContain('\n')
    expect(deprecationWarning([])).toBeUndefined()
  })
})
