import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = new URL('../../../', import.meta.url).pathname
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, Service>
}
interface Service {
  image?: string
  build?: unknown
  command?: string[]
  container_name?: string
  ports?: string[]
  profiles?: string[]
  deploy?: { replicas?: number }
  healthcheck?: { test: unknown }
  depends_on?: Record<string, { condition: string }>
  environment?: Record<string, string>
}
const services = compose.services
const WORKERS = ['extractor', 'chat-crawler', 'audio-analyzer'] as const

describe('docker-compose.yml', () => {
  it('runs Kafka 3.9 in KRaft mode, MongoDB 7 and Kafka UI wired to the broker', () => {
    expect(services.kafka?.image).toMatch(/^apache\/kafka:3\.9\.\d+$/)
    expect(services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller')
    expect(services.kafka?.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false')
    expect(services.mongo?.image).toMatch(/^mongo:7/)
    expect(services['kafka-ui']?.image).toMatch(/^ghcr\.io\/kafbat\/kafka-ui:v\d+\.\d+\.\d+$/)
    expect(services['kafka-ui']?.environment?.KAFKA_CLUSTERS_0_READONLY).toBe('true')
    expect(services['kafka-ui']?.environment?.KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS).toBe('kafka:9092')
  })

  it('provisions topics in an init service once the broker is healthy', () => {
    expect(services.topics?.command).toEqual(['node', 'packages/infra/dist/cli.js', 'provision'])
    expect(services.topics?.depends_on?.kafka?.condition).toBe('service_healthy')
    expect(services.kafka?.healthcheck).toBeDefined()
    expect(services.mongo?.healthcheck).toBeDefined()
  })

  it.each(WORKERS)(
    'lets %s scale: no container name, no host ports, default replicas, ordered start',
    (name) => {
      const worker = services[name]!
      expect(worker.container_name).toBeUndefined()
      expect(worker.ports).toBeUndefined()
      expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(1)
      expect(worker.depends_on?.topics?.condition).toBe('service_completed_successfully')
      expect(worker.depends_on?.mongo?.condition).toBe('service_healthy')
      expect(worker.command?.join(' ')).toContain(`apps/${name}/dist/main.js`)
      expect(worker.environment?.KAFKA_BROKERS).toBe('kafka:9092')
    },
  )

  it('publishes the gateway on loopback with a health check', () => {
    expect(services.gateway?.ports).toEqual(['127.0.0.1:3000:3000'])
    expect(services.gateway?.healthcheck).toBeDefined()
    expect(services.gateway?.command?.join(' ')).toContain('apps/gateway/dist/server.js')
  })

  it('offers the simulator only under the sim profile', () => {
    expect(services['upstream-sim']?.profiles).toEqual(['sim'])
    for (const [name, service] of Object.entries(services)) {
      if (name !== 'upstream-sim') expect(service.profiles).toBeUndefined()
    }
  })

  it('builds every app service from the repository image whose entry files exist in the build', () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8')
    expect(dockerfile).toMatch(/ffmpeg/)
    expect(dockerfile).toMatch(/turbo run build/)
    for (const name of ['gateway', 'topics', ...WORKERS]) expect(services[name]?.build).toBe('.')
  })

  it('matches the README: every docker compose command it shows names real services', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8')
    const commands = readme.split('\n').filter((line) => /^\s*(\S+=\S+\s+)*docker compose\b/.test(line))
    expect(commands.length).toBeGreaterThanOrEqual(4)
    for (const command of commands) {
      for (const [, service] of command.matchAll(/--scale ([a-z-]+)=/g))
        expect(services[service!]).toBeDefined()
      for (const [, profile] of command.matchAll(/--profile ([a-z-]+)/g)) {
        expect(Object.values(services).some((s) => s.profiles?.includes(profile!))).toBe(true)
      }
    }
  })

  it.skipIf(!dockerEngine())('is valid for docker compose config', () => {
    execFileSync('docker', ['compose', '-f', `${root}docker-compose.yml`, 'config', '--quiet'])
  })
})

/** `docker compose config` needs only the CLI, but only a machine with an engine can use the file. */
function dockerEngine(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 })
    return true
  } catch {
    return false
  }
}
