export { type AudioOptions, audioDefaults } from './audio/options.js'
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultRule,
  RUNTIME_DEFAULTS,
  type RuntimeConfig,
  type RuntimeUpdate,
} from './control/config.js'
export type { CountersSnapshot } from './control/counters.js'
export type { SimChatMessage } from './model/chat.js'
export { MAX_DURATION_SEC, profileFor, type VodProfile } from './model/profile.js'
export type { Truth } from './model/truth.js'
export { LOUD_MOMENT_SEC, SOOP_PART_MAX_SEC } from './model/vod.js'
export { type VideoStatus, WELL_KNOWN_VIDEOS, type WellKnownVideo } from './model/well-known.js'
export { resolveSimOptions, type SimOptions, type SimOptionsInput } from './options.js'
export { type SimHandle, startSim } from './server.js'
export { OLD_HOST_PREFIX, SOOP_OLD_HOSTS } from './soop/routes.js'
export { SOOP_VARIANTS } from './soop/variants.js'
export { TOKEN_HASHES } from './twitch/refusals.js'
export { TWITCH_VARIANTS } from './twitch/video.js'
