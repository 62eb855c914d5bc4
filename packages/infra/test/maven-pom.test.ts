import { describe, expect, it } from 'vitest'
import { KAFKA_DEPENDENCIES } from '../src/devstack/kafka-server.js'
import { mavenPom } from '../src/devstack/maven-jars.js'

describe('mavenPom', () => {
  const pom = mavenPom('vodscope-kafka', KAFKA_DEPENDENCIES)

  it('should be a packaging-only project', () => {
    expect(pom).toContain('<packaging>pom</packaging>')
    expect(pom).toContain('<artifactId>vodscope-kafka</artifactId>')
  })

  it('should depend on Kafka 3.9.1 and the reload4j logging Kafka ships with', () => {
    const dependencies = [...pom.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)].map((match) => {
      const field = (name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(match[1] ?? '')?.[1]
      return `${field('groupId')}:${field('artifactId')}:${field('version')}`
    })
    expect(dependencies).toEqual([
      'org.apache.kafka:kafka_2.13:3.9.1',
      'org.slf4j:slf4j-reload4j:1.7.36',
      'ch.qos.reload4j:reload4j:1.2.25',
    ])
  })
})
