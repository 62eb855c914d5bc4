import { createPlatforms, platformsConfigFromEnv } from '@vodscope/platforms'
import { runWorkers } from '@vodscope/worker-kit'
import { buildAudioAnalyzer } from './audio-analyzer.js'

// ytdl-core otherwise checks npm for a newer version at start-up: nothing may call out.
process.env.YTDL_NO_UPDATE = '1'

const platforms = createPlatforms(platformsConfigFromEnv())

// runWorkers owns the rest: shared clients, /metrics and /healthz, and a graceful stop on SIGTERM or
// SIGINT that lets running segments finish (or kills their ffmpeg at the deadline) and commits.
await runWorkers({
  name: 'audio-analyzer',
  build: (resources) =>
    buildAudioAnalyzer(resources, {
      resolveSource: (platform, videoId, parts) => platforms.resolveAudioSource(platform, videoId, parts),
    }),
})
