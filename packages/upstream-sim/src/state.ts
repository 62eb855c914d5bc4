import type { Platform } from '@vodscope/contracts'
import { AudioMedia } from './audio/media.js'
import type { AudioOptions } from './audio/options.js'
import { mergeRuntime, type RuntimeConfig, type RuntimeUpdate } from './control/config.js'
import { Counters } from './control/counters.js'
import { FaultInjector } from './control/faults.js'
import { createRng } from './model/rng.js'
import { getVod, type Vod } from './model/vod.js'
import type { VideoStatus } from './model/well-known.js'

/** Everything the routes share: the seed, the mutable run-time configuration, counters and audio. */
export class SimState {
  readonly counters = new Counters()
  readonly faults: FaultInjector
  readonly audio: AudioMedia
  readonly #latencyRng: () => number
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

  /** The profile's status unless the run-time configuration overrides it. */
  status(vod: Vod): VideoStatus {
    return this.#runtime.videoStatus[vod.videoKey] ?? vod.profile.status
  }
}
