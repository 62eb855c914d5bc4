import type { HighlightChat, StoredChatMessage } from '@vodscope/contracts'

export interface LabelOptions {
  /** Tokens and emotes kept per highlight. */
  top: number
}

export const LABEL_DEFAULTS: LabelOptions = { top: 5 }

const MAX_TOKEN = 40 // characters: a longer "word" is a paste, not something people said together
const MAX_TOKENS_PER_MESSAGE = 50

/** Words that say nothing about a moment in any of the platforms' usual chat languages. */
const STOP_WORDS = new Set(
  'a an and are at be but do for from go i im in is it its just me my no not of on or so that the this to u was we what you'.split(
    ' ',
  ),
)

/**
 * One spelling per laugh or cheer, so "ㅋㅋㅋ" and "ㅋㅋㅋㅋㅋㅋㅋ" count as the same token: Korean ㅋ and ㅎ
 * runs, "lol"/"lmao" with repeated letters, "haha…", Japanese "www", and letters stretched three
 * times or more ("nooooo" → "noo", "gooo" → "goo").
 */
export function normaliseToken(raw: string): string | undefined {
  const token = raw
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .slice(0, MAX_TOKEN)
  if (token === '') return undefined
  if (/ㅋ{2,}/u.test(token)) return 'ㅋㅋ'
  if (/^ㅎ{2,}$/u.test(token)) return 'ㅎㅎ'
  if (/^(ha){2,}h?$/u.test(token)) return 'haha'
  if (/^l+o+l+$/u.test(token)) return 'lol'
  if (/^l+m+a+o+$/u.test(token)) return 'lmao'
  if (/^w{3,}$/u.test(token)) return 'www'
  const squeezed = token.replace(/(\p{L})\1{2,}/gu, '$1$1')
  if (STOP_WORDS.has(squeezed) || [...squeezed].length < 2) return undefined
  return squeezed
}

function top(counts: Map<string, number>, n: number): { text: string; count: number }[] {
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, n)
    .map(([text, count]) => ({ text, count }))
}

/**
 * What chat said in one highlight's window: how many messages, the most used tokens and Twitch emotes
 * (each counted once per message, so one spammer's repeated word counts once per line), and the
 * donations (SOOP balloons, Super Chat) with their total. Emote names are not counted again as tokens.
 */
export function chatLabels(
  messages: readonly StoredChatMessage[],
  options: LabelOptions = LABEL_DEFAULTS,
): HighlightChat {
  const tokens = new Map<string, number>()
  const emotes = new Map<string, number>()
  let donations = 0
  let donated = 0
  for (const m of messages) {
    if (m.kind === 'donation') {
      donations++
      donated += m.amount ?? 0
    }
    const emoteNames = new Set(m.emotes ?? [])
    for (const name of emoteNames) emotes.set(name, (emotes.get(name) ?? 0) + 1)
    const seen = new Set<string>()
    for (const word of m.text.split(/\s+/u).slice(0, MAX_TOKENS_PER_MESSAGE)) {
      if (emoteNames.has(word)) continue
      const token = normaliseToken(word)
      if (token !== undefined) seen.add(token)
    }
    for (const token of seen) tokens.set(token, (tokens.get(token) ?? 0) + 1)
  }
  return {
    messages: messages.length,
    topTokens: top(tokens, options.top),
    topEmotes: top(emotes, options.top),
    ...(donations > 0 ? { donations: { count: donations, total: donated } } : {}),
  }
}
