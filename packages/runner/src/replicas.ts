import { APPS, type AppName, isAppName } from './apps.js'

/** Most replicas of one worker the runner starts; more than the partition count would sit idle anyway. */
export const MAX_REPLICAS = 32

export class ReplicaSpecError extends Error {
  override readonly name = 'ReplicaSpecError'
}

/**
 * Reads `extractor=3,chat-crawler=2` (from `--replicas` or `VODSCOPE_REPLICAS`) into a replica count
 * per app, starting from each app's default. The gateway is not scalable here: it owns a port.
 */
export function parseReplicas(specs: readonly string[]): Record<AppName, number> {
  const counts = Object.fromEntries(
    Object.entries(APPS).map(([name, app]) => [name, app.replicas]),
  ) as Record<AppName, number>
  for (const spec of specs
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const match = /^([a-z-]+)=(\d+)$/.exec(spec)
    if (!match) throw new ReplicaSpecError(`"${spec}" is not app=count (e.g. extractor=3)`)
    const [, name = '', countText = ''] = match
    if (!isAppName(name)) {
      throw new ReplicaSpecError(`unknown app "${name}"; one of ${Object.keys(APPS).join(', ')}`)
    }
    if (!APPS[name].scalable) throw new ReplicaSpecError(`${name} runs once; scale the workers instead`)
    const count = Number(countText)
    if (count < 0 || count > MAX_REPLICAS)
      throw new ReplicaSpecError(`${name}=${count}: use 0 to ${MAX_REPLICAS}`)
    counts[name] = count
  }
  return counts
}
