import { connect } from 'node:net'
import type { HostileRequest } from './hostile-requests.js'

export interface HostileAnswer {
  name: string
  /** HTTP status, or `closed` / `timeout` / `error: …` when no status line came back. */
  status: number | string
  ms: number
}

const TIMEOUT_MS = 15_000 // long enough for a slow validation, short enough to call it a hang

/** Sends one request and reads only its status: bodies (SSE streams included) are not waited for. */
export async function sendHostile(base: string, request: HostileRequest): Promise<HostileAnswer> {
  const t0 = performance.now()
  const status = 'raw' in request ? await sendRaw(base, request.raw) : await sendFetch(base, request)
  return { name: request.name, status, ms: performance.now() - t0 }
}

async function sendFetch(
  base: string,
  r: Exclude<HostileRequest, { raw: string }>,
): Promise<number | string> {
  try {
    const res = await fetch(`${base}${r.path}`, {
      method: r.method,
      headers: r.headers,
      body: r.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    await res.body?.cancel()
    return res.status
  } catch (err) {
    return (err as Error).name === 'TimeoutError' ? 'timeout' : `error: ${(err as Error).message}`
  }
}

/** Raw bytes for what fetch refuses to send (conflicting lengths, broken request lines). */
function sendRaw(base: string, text: string): Promise<number | string> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) })
    let received = ''
    const finish = (status: number | string) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(status)
    }
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS)
    socket.on('connect', () => socket.write(text, 'latin1'))
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received)
      if (match) finish(Number(match[1]))
    })
    // Closing the connection on bytes that are not HTTP is a fine answer; hanging is not.
    socket.on('end', () => finish('closed'))
    // A reset while a refused upload is still being written is the server closing on it: no hang, no 5xx.
    socket.on('error', (err: NodeJS.ErrnoException) =>
      finish(err.code === 'EPIPE' || err.code === 'ECONNRESET' ? 'closed' : `error: ${err.message}`),
    )
  })
}
