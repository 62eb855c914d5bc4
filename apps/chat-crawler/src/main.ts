import { createPlatforms, platformsConfigFromEnv } from '@vodscope/platforms'
import { runWorkers } from '@vodscope/worker-kit'
import { buildChatCrawler } from './chat-crawler.js'
import { loadConfig } from './config.js'

// ytdl-core otherwise checks npm for a newer version at start-up: nothing may call out.
process.env.YTDL_NO_UPDATE = '1'

// Read once, before anything connects: a bad variable stops the process with its name.
const config = loadConfig()
const platforms = createPlatforms(platformsConfigFromEnv())

// runWorkers owns the rest: shared clients, /metrics and /healthz, and a graceful stop on SIGTERM or
// SIGINT that stops fetching, lets running chunks finish until the deadline (an aborted chunk stops
// between pages and is redelivered), commits what finished and leaves the group.
await runWorkers({
  name: 'chat-crawler',
  build: (resources) => buildChatCrawler(resources, { config, source: platforms }),
})
