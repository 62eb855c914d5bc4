import { createPlatforms, platformsConfigFromEnv } from '@vodscope/platforms'
import { runWorkers } from '@vodscope/worker-kit'
import { buildExtractor } from './extractor.js'

// ytdl-core otherwise checks npm for a newer version at start-up: nothing may call out.
process.env.YTDL_NO_UPDATE = '1'

const platforms = createPlatforms(platformsConfigFromEnv())

await runWorkers({
  name: 'extractor',
  build: (resources) =>
    buildExtractor(resources, {
      fetchMetadata: (platform, videoId) => platforms.getVideoMetadata(platform, videoId),
    }),
})
