/** Polls the gateway's readiness probe until Kafka and MongoDB answer through it. */
export async function waitForGateway(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) return
      last = `HTTP ${res.status}: ${await res.text()}`
    } catch (err) {
      last = (err as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`the gateway at ${baseUrl} is not ready after ${timeoutMs / 1000} s (${last})`)
}
