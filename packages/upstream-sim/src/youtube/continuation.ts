/**
 * Continuation tokens of the chat replay. YouTube's are opaque protobufs; these are opaque too (clients
 * must pass them back untouched) but carry what the simulator needs: video, view and position.
 */
export interface Continuation {
  /** `reload` opens the replay at `currentPlayerState.playerOffsetMs`; `replay` continues at `index`. */
  type: 'reload' | 'replay' | 'seek'
  videoId: string
  /** `top` is YouTube's filtered "Top chat replay"; `all` is "Live chat replay", every message. */
  view: 'top' | 'all'
  index?: number
}

const PREFIX = 'op2w0wR'

export function encodeContinuation(c: Continuation): string {
  return (
    PREFIX + Buffer.from(JSON.stringify([c.type, c.videoId, c.view, c.index ?? -1])).toString('base64url')
  )
}

export function decodeContinuation(token: string): Continuation | undefined {
  if (!token.startsWith(PREFIX)) return undefined
  try {
    const [type, videoId, view, index] = JSON.parse(
      Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'),
    ) as unknown[]
    if ((type !== 'reload' && type !== 'replay' && type !== 'seek') || typeof videoId !== 'string')
      return undefined
    if ((view !== 'top' && view !== 'all') || typeof index !== 'number') return undefined
    return { type, videoId, view, ...(index >= 0 ? { index } : {}) }
  } catch {
    return undefined
  }
}
