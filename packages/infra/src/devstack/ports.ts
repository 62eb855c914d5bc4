import { connect, createServer } from 'node:net'

const HOST = '127.0.0.1'

/** True when nothing holds the port on loopback: we try to bind it ourselves and let go at once. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false)
      else reject(error)
    })
    server.listen({ port, host: HOST, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/** True when something accepts TCP connections on the port within `timeoutMs`. */
export function isPortAnswering(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: HOST })
    const done = (answering: boolean) => {
      socket.destroy()
      resolve(answering)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError'
  constructor(
    readonly port: number,
    readonly variable: string,
    hint: string,
  ) {
    super(
      `port ${port} on ${HOST} is already in use by a process this devstack did not start. ` +
        `Stop that process, or set ${variable} to another port${hint ? `, or ${hint}` : ''}.`,
    )
  }
}

/** Fails before anything starts if a port the stack needs is taken, naming the port and the way out. */
export async function assertPortsFree(
  ports: readonly { port: number; variable: string; hint?: string }[],
): Promise<void> {
  for (const { port, variable, hint } of ports) {
    if (!(await isPortFree(port))) throw new PortInUseError(port, variable, hint ?? '')
  }
}
