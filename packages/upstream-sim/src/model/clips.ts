import { createRng, hashString, type Rng } from './rng.js'
import { isoSeconds, type Vod } from './vod.js'

/** A clip as the simulator knows it; `videoId`/`offsetSec` null when its VOD is gone (Twitch then says null). */
export interface SimClip {
  id: string
  slug: string
  title: string
  videoId: string | null
  offsetSec: number | null
  durationSec: number
  viewCount: number
  createdAt: string
}

/** A clip made of one of the VOD's truth moments. */
export interface MomentClip extends SimClip {
  videoId: string
  offsetSec: number
  /** The truth moment the clip was made of. */
  momentAtSec: number
  /** The moment's strength (1–3, `Moment.strength`) with a seeded jitter; the clips' view counts follow it. */
  strength: number
}

/** Twitch's default clip length, seconds. */
const CLIP_SEC = 30
/** A viewer clips a moment just after seeing it, so the clip starts up to this many seconds before it. */
const MAX_LEAD_SEC = 8
/** Clips of other VODs in every channel's listing, so a client must filter by `video.id`. */
const OTHER_CLIPS = 24

const SLUG_WORDS = ['Brave', 'Tiny', 'Lucky', 'Salty', 'Happy', 'Frozen', 'Clever', 'Spicy']
const SLUG_ANIMALS = ['Otter', 'Falcon', 'Panda', 'Koala', 'Gecko', 'Badger', 'Lynx', 'Yak']
const CLIP_TITLES = ['no way', 'CLUTCH', 'what just happened', 'chat saw it', 'insane', 'LUL', 'the moment']

/**
 * The VOD's truth moments as clips, most-viewed first: views follow the moment's strength (louder,
 * busier moments get clipped and watched more), with a seeded jitter that orders moments of one strength.
 */
export function vodClips(vod: Vod): MomentClip[] {
  const startMs = Date.parse(vod.publishedAt)
  const base = Math.max(200, Math.round(vod.viewCount / 4))
  return vod.loudMoments
    .map((moment, index) => {
      const rng = createRng(vod.seed, 'clip', vod.videoKey, index)
      const strength = moment.strength + 0.9 * rng.next()
      const offsetSec = Math.max(0, moment.atSec - rng.int(0, MAX_LEAD_SEC + 1))
      return {
        id: String(1_000_000_000 + (hashString(`${vod.seed}:${vod.videoKey}:${index}`) % 1_000_000_000)),
        slug: slugFor(rng),
        title: rng.pick(CLIP_TITLES),
        videoId: vod.videoId,
        offsetSec,
        durationSec: CLIP_SEC,
        // Distinct counts (index breaks ties), so "most viewed" has one order.
        viewCount: Math.round(base * strength) * 16 + index,
        createdAt: isoSeconds(startMs + (offsetSec + CLIP_SEC + rng.int(5, 120)) * 1000),
        momentAtSec: moment.atSec,
        strength,
      }
    })
    .sort((a, b) => b.viewCount - a.viewCount)
}

/**
 * Clips of the channel's other VODs: one in six of a VOD that is gone (`video: null`, no offset).
 * Made `daysAgo` days before `nowMs`, from one day to two years, so every listing period holds some.
 */
export function otherChannelClips(seed: number, login: string, nowMs: number): SimClip[] {
  return Array.from({ length: OTHER_CLIPS }, (_, index) => {
    const rng = createRng(seed, 'channel-clip', login, index)
    const gone = index % 6 === 5
    const daysAgo = 1 + Math.floor(730 * rng.next() ** 2)
    return {
      id: String(2_000_000_000 + (hashString(`${seed}:${login}:${index}`) % 1_000_000_000)),
      slug: slugFor(rng),
      title: rng.pick(CLIP_TITLES),
      videoId: gone ? null : String(3_000_000_000 + rng.int(0, 999_999_999)),
      offsetSec: gone ? null : rng.int(0, 4 * 3600),
      durationSec: rng.int(10, 61),
      viewCount: Math.round(10 * 5_000 ** rng.next()),
      createdAt: isoSeconds(Math.floor(nowMs / 86_400_000) * 86_400_000 - daysAgo * 86_400_000),
    }
  })
}

const SLUG_TAIL = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789_-'

/** Twitch slugs read like `BraveOtterLuckyPanda-AbC12dEf34GhI5jK`. */
function slugFor(rng: Rng): string {
  const words = [SLUG_WORDS, SLUG_ANIMALS, SLUG_WORDS, SLUG_ANIMALS].map((list) => rng.pick(list)).join('')
  const tail = Array.from({ length: 16 }, () => SLUG_TAIL.charAt(rng.int(0, SLUG_TAIL.length))).join('')
  return `${words}-${tail}`
}
