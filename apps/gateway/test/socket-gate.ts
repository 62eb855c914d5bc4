import net from 'node:net'
import type { ISocketFactory } from 'kafkajs'

/**
 * A kafkajs socket factory the test can cut: while cut, every open connection is destroyed and every
 * new one fails like a refused connection. This is how the outage test stops "the broker" without
 * touching the shared devstack. A TCP proxy in front of the broker would not do: the broker's metadata
 * advertises its real address, so after bootstrap kafkajs would connect around the proxy.
 */
export class SocketGate {
  private cut = false
  private readonly sockets = new Set<net.Socket>()

  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    if (this.cut) {
      const socket = new net.Socket()
      const refused = Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (gate closed)`), {
        code: 'ECONNREFUSED',
      })
      process.nextTick(() => socket.destroy(refused))
      return socket
    }
    const socket = net.connect({ host, port }, onConnect)
    socket.setKeepAlive(true, 60_000)
    this.sockets.add(socket)
    socket.once('close', () => this.sockets.delete(socket))
    return socket
  }

  /** Like a broker that went away: open connections reset (a silent close would go unnoticed by kafkajs). */
  close(): void {
    this.cut = true
    for (const socket of this.sockets) {
      socket.destroy(Object.assign(new Error('read ECONNRESET (gate closed)'), { code: 'ECONNRESET' }))
    }
  }

  open(): void {
    this.cut = false
  }
}
