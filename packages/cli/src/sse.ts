export interface ServerEvent {
  event: string
  data: unknown
}

/**
 * The events of a Server-Sent Events body, in order; comment lines (keep-alives) are skipped. When
 * `signal` aborts, the body is cancelled through its reader and the events end. Cancelling the reader
 * is what ends a pending read: aborting the fetch's own signal can leave Node 20's fetch body
 * iterator waiting forever once the server has ended the stream (nodejs/undici#1940 is the same
 * family), which is how `submit --wait` used to hang after the job's `end` event.
 */
export async function* readEvents(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<ServerEvent> {
  const reader = body.getReader()
  const cancel = () => void reader.cancel().catch(() => undefined)
  if (signal?.aborted) cancel()
  signal?.addEventListener('abort', cancel, { once: true })
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done || signal?.aborted) return
      buffer += decoder.decode(value, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end >= 0) {
        const parsed = parseBlock(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
        if (parsed !== undefined) yield parsed
        if (signal?.aborted) return
        end = buffer.indexOf('\n\n')
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel)
    cancel()
  }
}

export function parseBlock(block: string): ServerEvent | undefined {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart())
  }
  return data.length === 0 ? undefined : { event, data: JSON.parse(data.join('\n')) }
}
