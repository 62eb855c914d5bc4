import type { StoredChatMessage } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { chatLabels, normaliseToken } from '../src/rank/chat-labels.js'

let n = 0
const m = (text: string, extra: Partial<StoredChatMessage> = {}): StoredChatMessage => ({
  id: `m${n++}`,
  offsetMs: n * 100,
  authorId: `a${n % 7}`,
  authorName: 'A',
  text,
  kind: 'chat',
  ...extra,
})

describe('chat labels', () => {
  it('should count Korean laughs of any length as one token, and other laughs and cheers in one spelling', () => {
    expect(['ㅋㅋ', 'ㅋㅋㅋ', 'ㅋㅋㅋㅋㅋㅋㅋ', 'ㅋㅋㅋ!!', '아ㅋㅋㅋ'].map(normaliseToken)).toEqual(
      Array(5).fill('ㅋㅋ'),
    )
    expect(['ㅎㅎ', 'ㅎㅎㅎㅎ'].map(normaliseToken)).toEqual(['ㅎㅎ', 'ㅎㅎ'])
    expect(['hahaha', 'HAHAH', 'lool', 'LMAOOO', 'wwww', 'noooooo', 'GOOOO!'].map(normaliseToken)).toEqual([
      'haha',
      'haha',
      'lol',
      'lmao',
      'www',
      'noo',
      'goo',
    ])
    expect(['the', 'a', '??', '!!!!!', 'i'].map(normaliseToken)).toEqual(Array(5).fill(undefined))
  })

  it('should rank tokens by messages that use them, once per message, emotes apart', () => {
    const labels = chatLabels([
      m('ㅋㅋㅋㅋ ㅋㅋㅋ ㅋㅋ'), // one message, one count
      m('ㅋㅋㅋㅋㅋㅋ no way'),
      m('NO WAY Kappa', { emotes: ['Kappa'] }),
      m('Kappa', { emotes: ['Kappa'] }),
      m('LUL LUL', { emotes: ['LUL', 'LUL'] }),
      m('clip it'),
    ])
    expect(labels.messages).toBe(6)
    // Ties go in code-point order, so the list is the same on every run.
    expect(labels.topTokens.slice(0, 3)).toEqual([
      { text: 'way', count: 2 },
      { text: 'ㅋㅋ', count: 2 },
      { text: 'clip', count: 1 },
    ])
    expect(labels.topTokens.map((t) => t.text)).not.toContain('kappa') // an emote is not a word too
    expect(labels.topEmotes).toEqual([
      { text: 'Kappa', count: 2 },
      { text: 'LUL', count: 1 },
    ])
    expect(labels.donations).toBeUndefined()
  })

  it('should total SOOP balloons and Super Chats as donations', () => {
    const labels = chatLabels([
      m('10개 후원', { kind: 'donation', amount: 10 }),
      m('ㅋㅋㅋ'),
      m('', { kind: 'donation', amount: 500 }),
    ])
    expect(labels.donations).toEqual({ count: 2, total: 510 })
  })

  it('should keep at most `top` of each and read an empty window as nothing said', () => {
    const many = Array.from({ length: 30 }, (_, i) => m(`word${i} word${i}`))
    expect(chatLabels(many, { top: 3 }).topTokens).toHaveLength(3)
    expect(chatLabels([])).toEqual({ messages: 0, topTokens: [], topEmotes: [] })
  })
})
