import * as cheerio from 'cheerio'
import { PlatformError } from '../errors.js'

/**
 * The JSON object assigned after `marker` in one of the page's scripts, e.g. `var ytInitialData = `.
 * Scans to the matching brace (skipping strings) instead of trusting whatever follows the object.
 */
export function scriptJson(html: string, marker: string): unknown {
  const $ = cheerio.load(html)
  for (const script of $('script').toArray()) {
    const text = $(script).text()
    const at = text.indexOf(marker)
    if (at < 0) continue
    const start = text.indexOf('{', at + marker.length)
    const end = start < 0 ? -1 : matchingBrace(text, start)
    if (end < 0) break
    try {
      return JSON.parse(text.slice(start, end + 1))
    } catch (cause) {
      throw new PlatformError('PLATFORM_BAD_RESPONSE', `YouTube page: ${marker.trim()} is not JSON.`, {
        platform: 'youtube',
        cause,
      })
    }
  }
  return undefined
}

/**
 * The `ytcfg.set({…})` object that holds the InnerTube key and context. Real pages call `ytcfg.set`
 * several times and the first is a bootstrap `ytcfg.set('EMERGENCY_BASE_URL', …)` (upstreams.md
 * 2026-12; yt-dlp's `extract_ytcfg` only matches calls whose argument is an object), so every call in
 * every script is scanned and the first object with both keys wins.
 */
export function innertubeConfig(html: string): { apiKey: string; context: unknown } | undefined {
  const $ = cheerio.load(html)
  for (const script of $('script').toArray()) {
    const text = $(script).text()
    for (let at = text.indexOf('ytcfg.set('); at >= 0; at = text.indexOf('ytcfg.set(', at + 1)) {
      const start = at + 'ytcfg.set('.length
      if (text.slice(start).trimStart()[0] !== '{') continue
      const open = text.indexOf('{', start)
      const end = matchingBrace(text, open)
      if (end < 0) continue
      let config: unknown
      try {
        config = JSON.parse(text.slice(open, end + 1))
      } catch {
        continue
      }
      const apiKey = dig(config, 'INNERTUBE_API_KEY')
      const context = dig(config, 'INNERTUBE_CONTEXT')
      if (typeof apiKey === 'string' && context !== undefined) return { apiKey, context }
    }
  }
  return undefined
}

function matchingBrace(text: string, start: number): number {
  let depth = 0
  let quote: string | undefined
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (quote !== undefined) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i
  }
  return -1
}

/** Walks a path of keys and indexes through unknown JSON; undefined as soon as a step is missing. */
export function dig(value: unknown, ...path: Array<string | number>): unknown {
  let at = value
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined
    at = (at as Record<string | number, unknown>)[key]
  }
  return at
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
