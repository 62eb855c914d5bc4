/**
 * Links to encoded simulator VODs (see packages/upstream-sim/README.md): Twitch and SOOP ids are
 * `77` + MMMM minutes + RRR chat messages per minute + up to 6 free digits, which make them distinct.
 * YouTube is left out of load runs: its "Top chat" replay is a subset, so message counts would not
 * compare with the simulator's truth as directly.
 */
const SHORT = { minutes: 5, chatPerMin: 30 }

function link(platform: 'twitch' | 'soop', minutes: number, chatPerMin: number, serial: number): string {
  const id = `77${pad(minutes, 4)}${pad(chatPerMin, 3)}${pad(serial, 6)}`
  return platform === 'twitch'
    ? `https://www.twitch.tv/videos/${id}`
    : `https://vod.sooplive.co.kr/player/${id}`
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** `count` short VODs, alternating platforms; `offset` keeps batches of one run apart. */
export function shortVodLinks(count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) =>
    link(i % 2 === 0 ? 'twitch' : 'soop', SHORT.minutes, SHORT.chatPerMin, offset + i),
  )
}

/** Long VODs at 60 chat messages per minute; serials from 900000 so they never meet short ones. */
export function longVodLinks(count: number, minutes: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    link(i % 2 === 0 ? 'twitch' : 'soop', minutes, 60, 900_000 + i),
  )
}
