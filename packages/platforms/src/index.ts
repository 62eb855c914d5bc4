export {
  DEFAULT_BASE_URLS,
  type HostLimits,
  PLATFORMS_DEFAULTS,
  type PlatformsConfig,
  type PlatformsConfigInput,
  platformsConfigFromEnv,
  type RetryOptions,
  resolvePlatformsConfig,
  UPSTREAMS,
  type Upstream,
} from './config.js'
export {
  isPlatformError,
  PLATFORM_ERRORS,
  PlatformError,
  type PlatformErrorCode,
  type PlatformErrorDetails,
} from './errors.js'
export { createPlatforms, type Platforms } from './platforms.js'
export type {
  AudioSource,
  ChatMessage,
  ChatRange,
  ClipPeriod,
  HeatmapMarker,
  VideoMetadata,
  VodClip,
  VodClips,
  VodClipsOptions,
} from './types.js'
