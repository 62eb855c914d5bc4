import { once } from 'node:events'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { parseBlock, readEvents, type ServerEvent } from '../src/sse.js'

const open: ServerResponse[] = []
const servers: ReturnType<typeof createServer>[] = []
afterEach(async () => {
  for (const res of open.splice(0)) res.destroy()
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

/** A loopback server that writes `body` as an event stream and ends it only when `end` is set. */
async function serve(body: string, end: boolean): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(body)
    if (end) res.end()
    else open.push(res)
  })
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

async function collect(url: string, stopAt?: string): Promise<ServerEvent[]> {
  const stop = new AbortController()
  const res = await fetch(url)
  const seen: ServerEvent[] = []
  for await (const event of readEvents(res.body!, stop.signal)) {
    seen.push(event)
    if (event.event === stopAt) stop.abort()
  }
  return seen
}

describe('readEvents', () => {
  it('should yield every event in order and skip keep-alive comments', async () => {
    const url = await serve(
      'event: snapshot\ndata: {"a":1}\n\n: keep-alive\n\nevent: end\ndata: {"a":2}\n\n',
      true,
    )
    expect(await collect(url)).toEqual([
      { event: 'snapshot', data: { a: 1 } },
      { event: 'end', data: { a: 2 } },
    ])
  })

  it('should end when the signal aborts although the server keeps the stream open', async () => {
    const url = await serve('event: snapshot\ndata: 1\n\nevent: progress\ndata: 2\n\n', false)
    expect(await collect(url, 'snapshot')).toEqual([{ event: 'snapshot', data: 1 }])
  })

  it('should end when the signal aborts after the server ended the stream', async () => {
    const url = await serve('event: end\ndata: 3\n\n', true)
    expect(await collect(url, 'end')).toEqual([{ event: 'end', data: 3 }])
  })

  it('should join multi-line data and default the event name to message', () => {
    expect(parseBlock('data: [1,\ndata: 2]')).toEqual({ event: 'message', data: [1, 2] })
    expect(parseBlock(': comment only')).toBeUndefined()
  })
})
