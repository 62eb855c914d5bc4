import { describe, expect, it } from 'vitest'
import { kafkaLog4jProperties, kafkaServerProperties } from '../src/devstack/kafka-properties.js'

function parse(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=')
      return [line.slice(0, at), line.slice(at + 1)] as const
    })
  return new Map(entries)
}

describe('kafkaServerProperties', () => {
  const properties = parse(
    kafkaServerProperties({ kafkaPort: 19092, controllerPort: 19093, dataDir: '/tmp/k' }),
  )

  it('should describe a single combined broker and controller on loopback', () => {
    expect(properties.get('process.roles')).toBe('broker,controller')
    expect(properties.get('node.id')).toBe('1')
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093')
    expect(properties.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093')
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:19092')
    expect(properties.get('controller.listener.names')).toBe('CONTROLLER')
    expect(properties.get('log.dirs')).toBe('/tmp/k')
  })

  it('should set the one-broker replication factors without which groups find no coordinator', () => {
    expect(properties.get('offsets.topic.replication.factor')).toBe('1')
    expect(properties.get('transaction.state.log.replication.factor')).toBe('1')
    expect(properties.get('transaction.state.log.min.isr')).toBe('1')
  })

  it('should make test groups fast and forbid implicit topic creation', () => {
    expect(properties.get('group.initial.rebalance.delay.ms')).toBe('0')
    expect(properties.get('offsets.topic.num.partitions')).toBe('3')
    expect(properties.get('auto.create.topics.enable')).toBe('false')
  })

  it('should never listen beyond loopback', () => {
    const addresses = [...properties.values()].join(' ').match(/\/\/[^:,\s]+:/g) ?? []
    expect(addresses.every((address) => address === '//127.0.0.1:')).toBe(true)
  })
})

describe('kafkaLog4jProperties', () => {
  it('should log INFO (the readiness line) to the given file', () => {
    const properties = parse(kafkaLog4jProperties('/tmp/k/kafka.log'))
    expect(properties.get('log4j.rootLogger')).toBe('INFO, file')
    expect(properties.get('log4j.appender.file.File')).toBe('/tmp/k/kafka.log')
  })
})
