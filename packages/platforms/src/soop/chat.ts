import type { VideoPart } from '@vodscope/contracts'
import * as cheerio from 'cheerio'
import type { HttpClient } from '../http/client.js'
import type { ChatMessage } from '../types.js'

/** SOOP serves chat in windows of this many seconds from `startTime`. */
const WINDOW_SEC = 300

/**
 * Rows of one part with VOD offset in [startSec, endSec): 300 s XML windows from the part start,
 * `t` shifted by the part's start, `(n)` login suffixes stripped, balloons as donations. Windows
 * overlap, and rows carry no id, so rows are de-duplicated on (kind, time, user).
 */
export async function* crawlSoopChat(
  http: HttpClient,
  part: VideoPart,
  startSec: number,
  endSec: number,
): AsyncGenerator<ChatMessage[]> {
  const startMs = startSec * 1000
  const endMs = endSec * 1000
  const localStart = Math.max(0, startSec - part.startSec)
  const localEnd = Math.min(part.durationSec, endSec - part.startSec)
  const seen = new Set<string>()
  for (
    let window = Math.floor(localStart / WINDOW_SEC) * WINDOW_SEC;
    window < localEnd;
    window += WINDOW_SEC
  ) {
    const query = new URLSearchParams({ rowKey: `${part.partId}_c`, startTime: String(window) })
    const xml = await http.request(
      { upstream: 'soopChat', path: `/php/ChatLoadSplit.php?${query}`, platform: 'soop' },
      (response) => response.text,
    )
    const batch = parseRows(xml, part).filter((m) => {
      if (m.offsetMs < startMs || m.offsetMs >= endMs || seen.has(m.id)) return false
      seen.add(m.id)
      return true
    })
    if (batch.length > 0) yield batch
  }
}

export function parseRows(xml: string, part: VideoPart): ChatMessage[] {
  const $ = cheerio.load(xml, { xml: true })
  const rows: ChatMessage[] = []
  $('root > chat, root > balloon').each((_, element) => {
    const row = $(element)
    const t = Number(row.children('t').text())
    if (!Number.isFinite(t)) return
    const userId = row
      .children('u')
      .text()
      .trim()
      .replace(/\(\d+\)$/, '')
    const kind = element.tagName === 'balloon' ? 'donation' : 'chat'
    const localMs = Math.round(t * 1000)
    const message: ChatMessage = {
      id: `${part.partId}:${kind === 'donation' ? 'b' : 'c'}:${localMs}:${userId}`,
      offsetMs: Math.round(part.startSec * 1000) + localMs,
      authorId: userId,
      authorName: row.children('n').text(),
      text: row.children('m').text(),
      kind,
    }
    if (kind === 'donation') message.amount = Number(row.children('c').text()) || 0
    rows.push(message)
  })
  return rows
}
