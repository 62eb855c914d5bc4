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
      throw new PlatformError('badResponse', `YouTube page: ${marker.trim()} is not JSON.`, {
        platform: 'youtube',
        cause,
      })
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
