import type { Platform } from '@vodscope/contracts'
import { AudioMedia } from './audio/media.js'
import type { AudioOptions } from './audio/options.js'
import { mergeRuntime, type RuntimeConfig, type RuntimeUpdate } from './control/config.js'
import { Counters } from './control/counters.js'
import { FaultInjector } from './control/faults.js'
import { createRng } from './model/rng.js'
import { getVod, type Vod } from './model/vod.js'
import type { VideoStatus } from './model/well-known.js'

/** Bounds on the channel registry: it only grows with the VODs clients ask about. */
const MAX_CHANNELS = 5_000
const MAX_VODS_PER_CHANNEL = 50

/** Everything the routes share: the seed, the mutable run-time configuration, counters and audio. */
export class SimState {
  readonly counters = new Counters()
  readonly faults: FaultInjector
  readonly audio: AudioMedia
  readonly #latencyRng: () => number
  /** Video ids per `platform:login`, as metadata answers described them; oldest first. */
  readonly #channelVods = new Map<string, string[]>()
  #runtime: RuntimeConfig

  constructor(
    readonly seed: number,
    runtime: RuntimeConfig,
    audio: AudioOptions,
  ) {
    this.faults = new FaultInjector(seed)
    this.audio = new AudioMedia(audio)
    const rng = createRng(seed, 'latency')
    this.#latencyRng = () => rng.next()
    this.#runtime = mergeRuntime(runtime, {})
    this.faults.reset(this.#runtime.faults)
  }

  get runtime(): RuntimeConfig {
    return this.#runtime
  }

  update(update: RuntimeUpdate): RuntimeConfig {
    this.#runtime = mergeRuntime(this.#runtime, update)
    if (update.faults !== undefined) this.faults.reset(this.#runtime.faults)
    return this.#runtime
  }

  latencyRandom(): number {
    return this.#latencyRng()
  }

  vod(platform: Platform, videoId: string): Vod {
    return getVod(platform, videoId, this.seed)
  }

  /**
   * Remembers that `vod` belongs to its channel, so the channel's clip listing holds its clips: the
   * simulator cannot list every VOD of a generated channel, only those a client has asked about.
   */
  rememberChannelVod(vod: Vod): void {
    const key = `${vod.platform}:${vod.channel.login}`
    const ids = this.#channelVods.get(key) ?? []
    if (ids.includes(vod.videoId)) return
    ids.push(vod.videoId)
    if (ids.length > MAX_VODS_PER_CHANNEL) ids.shift()
    this.#channelVods.delete(key)
    this.#channelVods.set(key, ids)
    if (this.#channelVods.size > MAX_CHANNELS) {
      const oldest = this.#channelVods.keys().next()
      if (!oldest.done) this.#channelVods.delete(oldest.value)
    }
  }

  channelVods(platform: Platform, login: string): Vod[] {
    return (this.#channelVods.get(`${platform}:${login}`) ?? []).map((id) => this.vod(platform, id))
  }

  /** The profile's status unless the run-time configuration overrides it. */
  status(vod: Vod): VideoStatus {
    return this.#runtime.videoStatus[vod.videoKey] ?? vod.profile.status
  }
}
