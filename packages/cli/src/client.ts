/** An error to show the user as it is: exit code 1, no stack. */
export class CliError extends Error {
  override readonly name = 'CliError'
}

/**
 * The gateway's public HTTP API as the CLI uses it. Every failure becomes a CliError that says what
 * to do: an unreachable gateway names its URL, an HTTP error carries the server's code and message.
 */
export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string | undefined,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.json<T>(path, { method: 'GET' })
  }

  post<T>(path: string, body: unknown, accept: number[] = []): Promise<T> {
    return this.json<T>(path, { method: 'POST', body: JSON.stringify(body) }, accept)
  }

  /** A text response as it came (an export format). */
  async text(path: string): Promise<string> {
    const res = await this.fetch(path, { method: 'GET' })
    if (!res.ok) throw await httpError(res)
    return res.text()
  }

  /** An SSE response body; the caller reads it with readEvents. */
  async stream(path: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const res = await this.fetch(path, { method: 'GET', headers: { accept: 'text/event-stream' }, signal })
    if (!res.ok || res.body === null) throw await httpError(res)
    return res.body
  }

  /** `accept`: error statuses whose body is still an answer (422 with per-link results). */
  private async json<T>(path: string, init: RequestInit, accept: number[] = []): Promise<T> {
    const res = await this.fetch(path, init)
    if (!res.ok && !accept.includes(res.status)) throw await httpError(res)
    return (await res.json()) as T
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) }
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    if (this.apiKey !== undefined) headers['x-api-key'] = this.apiKey
    try {
      return await fetch(this.baseUrl + path, { ...init, headers })
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      throw new CliError(
        `cannot reach the gateway at ${this.baseUrl} (${cause?.code ?? cause?.message ?? (error as Error).message}); ` +
          'is it running? Set --gateway or VODSCOPE_GATEWAY_URL.',
      )
    }
  }
}

async function httpError(res: Response): Promise<CliError> {
  const text = await res.text()
  let body: { code?: string; message?: string } | undefined
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    body = undefined
  }
  const what = body?.message === undefined ? text.slice(0, 200) : `${body.code}: ${body.message}`
  const hint = res.status === 401 ? ' (set --api-key or VODSCOPE_API_KEY)' : ''
  return new CliError(`the gateway answered ${res.status}: ${what}${hint}`)
}
