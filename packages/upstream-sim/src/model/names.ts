import type { Rng } from './rng.js'

/** Word lists for generated titles, names and chat lines. Plain text only: no markup, no `]]>`. */
const TITLE_OPENERS = [
  'Road to',
  'First look:',
  'Late night',
  'Marathon',
  'Chill',
  'Ranked grind',
  'Speedrun',
  'Blind run',
]
const TITLE_TOPICS = [
  'Elden Ring',
  'Valorant',
  'Minecraft',
  'League of Legends',
  'Just Chatting',
  'Hollow Knight',
  'Tekken 8',
  'Stardew Valley',
  'StarCraft',
  'Lost Ark',
]
const TITLE_TAILS = ['with viewers', 'day 3', 'until we win', '!drops', 'part 2', 'no deaths', 'finale', '']
const SYLLABLES = [
  'ka',
  'zu',
  'mi',
  'ro',
  'ten',
  'shi',
  'da',
  'lo',
  'nex',
  'vi',
  'ra',
  'po',
  'kin',
  'mo',
  'jae',
  'hyun',
  'soo',
  'bin',
]
const CHAT_LINES = [
  'hello chat',
  'lol',
  'gg',
  'nice one',
  'what was that',
  'ㅋㅋㅋㅋ',
  'hi from Seoul',
  'is this ranked?',
  'first time here',
  'good luck',
  'music?',
  'he is cooking',
  'ㅎㅇ',
  '??',
  'no way',
  'LUL',
  'Kappa',
  'clean',
]
const HYPE_LINES = [
  'POGGERS',
  'OMG',
  'WHAT',
  'LETS GOOO',
  'ㅋㅋㅋㅋㅋㅋㅋ',
  'CLIP IT',
  'insane',
  'no wayyyy',
  'HOLY',
  '!!!!!',
]

export function pickTitle(rng: Rng): string {
  return [rng.pick(TITLE_OPENERS), rng.pick(TITLE_TOPICS), rng.pick(TITLE_TAILS)]
    .filter((w) => w !== '')
    .join(' ')
}

/** A lower-case login such as `kazumi_42`. */
export function pickLogin(rng: Rng): string {
  const parts = rng.int(2, 4)
  let name = ''
  for (let i = 0; i < parts; i++) name += rng.pick(SYLLABLES)
  return `${name}_${rng.int(1, 1000)}`
}

export function pickChatLine(rng: Rng, hype: boolean): string {
  return rng.pick(hype ? HYPE_LINES : CHAT_LINES)
}
