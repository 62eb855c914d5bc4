import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

export interface HealthReport {
  ok: boolean
  workers: { name: string; ok: boolean; state: string }[]
}

export interface MetricsServer {
  /** The bound port (useful when asked for port 0, an ephemeral one). */
  port: number
  close(): Promise<void>
}

/**
 * `/metrics` (Prometheus text) and `/healthz` (200 when every worker is consuming, 503 otherwise) for
 * one process. Nothing else is served: the endpoint may be reachable from outside the host.
 */
export async function startMetricsServer(options: {
  port: number
  host: string
  registry: Registry
  health: () => HealthReport
}): Promise<MetricsServer> {
  const { registry, health } = options
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
      )
      return
    }
    if (path === '/healthz') {
      const report = health()
      res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report))
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}
