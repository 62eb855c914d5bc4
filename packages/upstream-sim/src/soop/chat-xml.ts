import type { VideoPart } from '@vodscope/contracts'
import { getChatPlan } from '../model/chat.js'
import { hashString } from '../model/rng.js'
import type { Vod } from '../model/vod.js'

/** A window answers its `chat_duration` from `startTime` plus this much of the next, as SOOP's windows overlap. */
const OVERLAP_SEC = 5

/**
 * `ChatLoadSplit.php`: the rows of one part between `startTime` and `startTime + windowSec` (plus the
 * overlap), `t` in seconds from the part start, after a `<version>` row. Chat rows are `<chat>` (with
 * the `c, mt, l, p, fw` fields clients ignore), one in ten an `<ogq>` sticker row (sender `s`/`sn`),
 * donations `<balloon>`; some user ids carry a `(n)` suffix (a second login), which clients strip.
 * Shapes as in the 2026 SOOP chat scripts summarised in upstreams.md (2026-12).
 */
export function chatWindow(vod: Vod, part: VideoPart, startTime: number, windowSec: number): string {
  const fromMs = (part.startSec + Math.max(0, startTime)) * 1000
  const toMs = (part.startSec + Math.min(part.durationSec, startTime + windowSec + OVERLAP_SEC)) * 1000
  const rows = fromMs < toMs ? getChatPlan(vod).between(fromMs, toMs) : []
  const body = rows.map((m) => {
    const t = ((m.offsetMs - part.startSec * 1000) / 1000).toFixed(3)
    const user = hashString(m.authorId) % 4 === 0 ? `${m.authorId}(2)` : m.authorId
    if (m.kind === 'donation') {
      return `<balloon><u>${user}</u><n>${cdata(m.authorName)}</n><c>${m.amount ?? 0}</c><t>${t}</t></balloon>`
    }
    if (hashString(m.id) % 10 === 0) {
      return `<ogq><m>${cdata(m.text)}</m><sid>51234</sid><s>${user}</s><sn>${cdata(m.authorName)}</sn><t>${t}</t><v>1</v></ogq>`
    }
    return `<chat><m>${cdata(m.text)}</m><u>${user}</u><n>${cdata(m.authorName)}</n><t>${t}</t><c>0</c><mt>0</mt><l>0</l><p>0</p><fw>0</fw></chat>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<root><version>2</version>${body.join('')}</root>`
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}
