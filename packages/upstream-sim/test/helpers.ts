import { onTestFinished } from 'vitest'
import { type SimHandle, type SimOptionsInput, startSim } from '../src/index.js'

/** A simulator on a free port, closed when the test ends. */
export async function startTestSim(options: SimOptionsInput = {}): Promise<SimHandle> {
  const sim = await startSim({ port: 0, logLevel: 'silent', ...options })
  onTestFinished(() => sim.close())
  return sim
}

export const COMMENTS_HASH = 'b70a3591ff0f4e0313d126c6a1502d79a1c02baebb288227c582044aa76adf6a'

export async function postGql(
  sim: SimHandle,
  body: unknown,
  headers: Record<string, string> = { 'client-id': 'test' },
) {
  const response = await fetch(`${sim.url}/gql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as any,
  }
}

export function commentsOp(variables: Record<string, unknown>) {
  return {
    operationName: 'VideoCommentsByOffsetOrCursor',
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: COMMENTS_HASH } },
  }
}
