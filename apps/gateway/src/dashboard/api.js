// Shared by every dashboard page: calls to the gateway's /v1 API with the API key (if one is set),
// a Server-Sent Events reader over fetch (EventSource cannot send the key header), and small helpers.

const KEY_STORAGE = 'vodscope.apiKey'

function headers(extra = {}) {
  const key = sessionStorage.getItem(KEY_STORAGE)
  return key ? { ...extra, 'x-api-key': key } : extra
}

const READ_ATTEMPTS = 4 // a GET answered 503 (database or broker busy) is tried again, after Retry-After

/** JSON from the API; throws an Error carrying the server's message and code on any non-2xx answer. */
export async function api(path, init = {}) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(path, {
      ...init,
      headers: headers(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    })
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : undefined
    if (res.status === 503 && init.method === undefined && attempt < READ_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get('retry-after') ?? 1)))
      continue
    }
    if (!res.ok && !(res.status === 422 && body?.details?.results)) {
      const error = new Error(body?.message ?? `HTTP ${res.status}`)
      error.code = body?.code
      throw error
    }
    return body
  }
}

/**
 * Saves a file the API serves as an attachment: fetched with the API key (a plain link could not send
 * it), then handed to the browser as a download under the server's file name.
 */
export async function download(path) {
  const res = await fetch(path, { headers: headers() })
  if (!res.ok) {
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : undefined
    throw new Error(body?.message ?? `HTTP ${res.status}`)
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download'
  const url = URL.createObjectURL(await res.blob())
  const link = Object.assign(document.createElement('a'), { href: url, download: name })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Calls `onEvent(name, data)` for each event of an SSE stream until it ends or `signal` aborts. */
export async function streamEvents(path, onEvent, signal) {
  const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal })
  if (!res.ok || res.body === null) throw new Error(`HTTP ${res.status}`)
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      let name = 'message'
      const data = []
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7)
        else if (line.startsWith('data: ')) data.push(line.slice(6))
      }
      if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')))
      end = buffer.indexOf('\n\n')
    }
  }
}

/** `h:mm:ss` of a VOD offset in seconds. */
export function clock(sec) {
  const s = Math.floor(sec)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return `${Math.floor(s / 3600)}:${mm}:${ss}`
}

/** Creates an element with attributes and children (strings become text, never HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value)
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null))
  return node
}

/** The header's API key form: kept for the browser session only. */
export function mountApiKeyForm() {
  const form = document.getElementById('api-key-form')
  const input = document.getElementById('api-key')
  if (form === null || input === null) return
  input.value = sessionStorage.getItem(KEY_STORAGE) ?? ''
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (input.value.trim() === '') sessionStorage.removeItem(KEY_STORAGE)
    else sessionStorage.setItem(KEY_STORAGE, input.value.trim())
    location.reload()
  })
}

/** Shows an error in a page's status region (a live region, so screen readers announce it). */
export function showError(region, error) {
  region.replaceChildren(el('p', { class: 'bad' }, `Error: ${error.message}`))
}
