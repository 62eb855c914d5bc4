import type { VideoPart } from '@vodscope/contracts'
import { getChatPlan } from '../model/chat.js'
import { hashString } from '../model/rng.js'
import type { Vod } from '../model/vod.js'

/** A window answers 300 s from `startTime` plus this much of the next window, as SOOP's windows overlap. */
export const WINDOW_SEC = 300
const OVERLAP_SEC = 5

/**
 * `ChatLoadSplit.php`: the rows of one part between `startTime` and `startTime + 300 s` (plus the
 * overlap), `t` in seconds from the part start. Chat rows are `<chat>`, donations `<balloon>`; some
 * user ids carry a `(n)` suffix (a second login), which clients strip.
 */
export function chatWindow(vod: Vod, part: VideoPart, startTime: number): string {
  const fromMs = (part.startSec + Math.max(0, startTime)) * 1000
  const toMs = (part.startSec + Math.min(part.durationSec, startTime + WINDOW_SEC + OVERLAP_SEC)) * 1000
  const rows = fromMs < toMs ? getChatPlan(vod).between(fromMs, toMs) : []
  const body = rows.map((m) => {
    const t = ((m.offsetMs - part.startSec * 1000) / 1000).toFixed(3)
    const user = hashString(m.authorId) % 4 === 0 ? `${m.authorId}(2)` : m.authorId
    if (m.kind === 'donation') {
      return `<balloon><u>${user}</u><n>${cdata(m.authorName)}</n><c>${m.amount ?? 0}</c><t>${t}</t></balloon>`
    }
    return `<chat><m>${cdata(m.text)}</m><u>${user}</u><n>${cdata(m.authorName)}</n><t>${t}</t><f>0</f></chat>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<root>${body.join('')}</root>`
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}
