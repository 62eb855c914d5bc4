/** The processes the local runner can start, with the entry file each runs from source. */
export const APPS = {
  gateway: { entry: 'apps/gateway/src/server.ts', replicas: 1, scalable: false },
  extractor: { entry: 'apps/extractor/src/main.ts', replicas: 1, scalable: true },
  'chat-crawler': { entry: 'apps/chat-crawler/src/main.ts', replicas: 1, scalable: true },
  'audio-analyzer': { entry: 'apps/audio-analyzer/src/main.ts', replicas: 1, scalable: true },
} as const

export type AppName = keyof typeof APPS

export const SIM_ENTRY = 'packages/upstream-sim/src/cli.ts'

export function isAppName(value: string): value is AppName {
  return Object.hasOwn(APPS, value)
}
