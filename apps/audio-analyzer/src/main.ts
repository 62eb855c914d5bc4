import { runWorkers } from '@vodscope/worker-kit'
import { buildAudioAnalyzer } from './audio-analyzer.js'
import { loadConfig } from './config.js'
import type { ResolveAudioSource } from './pipeline/plan-handler.js'

const config = loadConfig()

/**
 * The platform clients, loaded only where the planner runs: segment workers decode URLs the planner
 * resolved and never call a platform, and skipping the clients (ytdl-core among them) keeps ~10 MB
 * off every segment replica.
 */
async function platformResolver(): Promise<ResolveAudioSource> {
  // ytdl-core otherwise checks npm for a newer version at start-up: nothing may call out.
  process.env.YTDL_NO_UPDATE = '1'
  const { createPlatforms, platformsConfigFromEnv } = await import('@vodscope/platforms')
  const platforms = createPlatforms(platformsConfigFromEnv())
  return (platform, videoId, parts) => platforms.resolveAudioSource(platform, videoId, parts)
}

const resolveSource = config.role === 'segments' ? undefined : await platformResolver()

// runWorkers owns the rest: shared clients, /metrics and /healthz, and a graceful stop on SIGTERM or
// SIGINT that lets running segments finish (or kills their ffmpeg at the deadline) and commits.
await runWorkers({
  name: 'audio-analyzer',
  build: (resources) =>
    buildAudioAnalyzer(resources, { config, ...(resolveSource ? { resolveSource } : {}) }),
})
