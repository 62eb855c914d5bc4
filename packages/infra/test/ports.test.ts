import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { assertPortsFree, isPortAnswering, isPortFree, PortInUseError } from '../src/devstack/ports.js'

const servers: Server[] = []

async function listen(): Promise<number> {
  const server = createServer()
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function freePort(): Promise<number> {
  const port = await listen()
  await new Promise((resolve) => servers.pop()?.close(resolve))
  return port
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

describe('port checks', () => {
  it('should see a port held by another process as taken and answering', async () => {
    const port = await listen()
    expect(await isPortFree(port)).toBe(false)
    expect(await isPortAnswering(port)).toBe(true)
  })

  it('should see an unused port as free and silent', async () => {
    const port = await freePort()
    expect(await isPortFree(port)).toBe(true)
    expect(await isPortAnswering(port)).toBe(false)
  })

  it('should fail naming the port and the variable that moves it when a port is taken', async () => {
    const port = await listen()
    const check = assertPortsFree([{ port, variable: 'VODSCOPE_KAFKA_PORT', hint: 'set KAFKA_BROKERS' }])
    await expect(check).rejects.toBeInstanceOf(PortInUseError)
    await expect(check).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`)
    await expect(check).rejects.toThrow(/VODSCOPE_KAFKA_PORT.*KAFKA_BROKERS/)
  })

  it('should pass when every port is free', async () => {
    const port = await freePort()
    await expect(assertPortsFree([{ port, variable: 'VODSCOPE_MONGO_PORT' }])).resolves.toBeUndefined()
  })
})
