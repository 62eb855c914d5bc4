import type { VideoPart } from '@vodscope/contracts'
import * as cheerio from 'cheerio'
import { PlatformError } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import type { ChatMessage } from '../types.js'
import { refuseRedirect, soopHeaders } from './request.js'
import { DEFAULT_CHAT_WINDOW_SEC } from './vod-info.js'

/**
 * Rows of one part with VOD offset in [startSec, endSec): `ChatLoadSplit.php?rowKey=<file_info_key>_c
 * &startTime=N` on videoimg.sooplive.com, one window of `chat_duration` seconds per request (the part's
 * `chatWindowSec`, 300 s when unknown), `t` shifted by the part's start, `(n)` login suffixes stripped,
 * balloons as donations. Windows overlap, and rows carry no id, so rows are de-duplicated on
 * (kind, time, user). A 404 is a window without chat (2026 SOOP scripts, upstreams.md 2026-12).
 */
export async function* crawlSoopChat(
  http: HttpClient,
  videoId: string,
  part: VideoPart,
  startSec: number,
  endSec: number,
): AsyncGenerator<ChatMessage[]> {
  const windowSec = part.chatWindowSec ?? DEFAULT_CHAT_WINDOW_SEC
  const startMs = startSec * 1000
  const endMs = endSec * 1000
  const localStart = Math.max(0, startSec - part.startSec)
  const localEnd = Math.min(part.durationSec, endSec - part.startSec)
  const seen = new Set<string>()
  for (let window = Math.floor(localStart / windowSec) * windowSec; window < localEnd; window += windowSec) {
    const query = new URLSearchParams({ rowKey: `${part.partId}_c`, startTime: String(window) })
    const xml = await http
      .request(
        {
          upstream: 'soopChat',
          path: `/php/ChatLoadSplit.php?${query}`,
          headers: soopHeaders(videoId),
          platform: 'soop',
        },
        (response) => {
          refuseRedirect(response, 'chat')
          return response.text
        },
      )
      .catch((err: unknown) => {
        if (err instanceof PlatformError && err.status === 404) return ''
        throw err
      })
    const batch = parseRows(xml, part).filter((m) => {
      if (m.offsetMs < startMs || m.offsetMs >= endMs || seen.has(m.id)) return false
      seen.add(m.id)
      return true
    })
    if (batch.length > 0) yield batch
  }
}

// A sticker is a chat row: same id letter, so ids stay (kind, time, user) as before `<ogq>` was read.
const KINDS = { chat: 'c', ogq: 'c', balloon: 'b' } as const

/**
 * `<chat>` (`m` text, `u` user, `n` nick, `t` seconds), `<ogq>` stickers (`s` sender id, `sn` sender
 * nick, `m` text if any) and `<balloon>` (`u`, `n`, `c` count). Lenient on purpose: bodies may carry
 * stray `&`, unknown entities or be cut off mid-row; cheerio's XML mode keeps going, and a row without
 * a readable `t` or user is skipped, not fatal.
 */
export function parseRows(xml: string, part: VideoPart): ChatMessage[] {
  const $ = cheerio.load(completeRows(xml), { xml: true })
  const rows: ChatMessage[] = []
  $('root > chat, root > ogq, root > balloon').each((_, element) => {
    const row = $(element)
    const field = (name: string) => row.children(name).first().text()
    const tText = field('t').trim()
    const t = Number(tText)
    if (tText === '' || !Number.isFinite(t) || t < 0) return
    const tag = element.tagName as keyof typeof KINDS
    const userId = (tag === 'ogq' ? field('s') : field('u')).trim().replace(/\(\d+\)$/, '')
    if (userId === '') return
    const localMs = Math.round(t * 1000)
    const message: ChatMessage = {
      id: `${part.partId}:${KINDS[tag]}:${localMs}:${userId}`,
      offsetMs: Math.round(part.startSec * 1000) + localMs,
      authorId: userId,
      authorName: tag === 'ogq' ? field('sn') : field('n'),
      text: field('m'),
      kind: tag === 'balloon' ? 'donation' : 'chat',
    }
    if (tag === 'balloon') message.amount = Number(field('c')) || 0
    rows.push(message)
  })
  return rows
}

const ROW_END = /<\/(?:chat|ogq|balloon)>/g

/**
 * A body cut off mid-row ends in something like `<t>30`: read as a row it would be at 30 s instead of
 * 305 s. Keep only what comes before the last closed row when `</root>` is missing.
 */
function completeRows(xml: string): string {
  if (xml.includes('</root>')) return xml
  let end = -1
  for (const match of xml.matchAll(ROW_END)) end = match.index + match[0].length
  return end < 0 ? xml : `${xml.slice(0, end)}</root>`
}
