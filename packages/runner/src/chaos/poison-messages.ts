import { namespace } from '@vodscope/contracts'

/** A message no consumer can process, and where and why it must end up dead-lettered. */
export interface PoisonMessage {
  /** Unique, so the message can be found again in the dead-letter topics. */
  key: string
  topic: string
  value: string | null
  /** Every group that consumes `topic`: each must dead-letter it. */
  groups: string[]
  /** The error code the dead letter must carry. */
  code: string
}

const VIDEO_ID = '770005030999999'

/** A well-formed link message, for variants that break one thing. */
function linkMessage(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    version: 1,
    jobId: 'poison-job',
    videoKey: `twitch:${VIDEO_ID}`,
    platform: 'twitch',
    videoId: VIDEO_ID,
    submittedAt: new Date().toISOString(),
    force: false,
    ...overrides,
  })
}

/**
 * Malformed, wrong-version and hostile payloads written straight to each consumed topic — what a
 * buggy or outdated producer, or someone with write access to the broker, could send.
 */
export function poisonMessages(prefix: string, runTag: string): PoisonMessage[] {
  const { topics, groups } = namespace(prefix)
  const consumers: Record<string, string[]> = {
    [topics.links]: [groups.extractor],
    [topics.videos]: [groups.chatPlanner, groups.audioPlanner],
    [topics.chatChunks]: [groups.chatChunks],
    [topics.audioSegments]: [groups.audioSegments],
  }
  const cases: Array<{ name: string; value: string | null; code: string }> = [
    { name: 'not-json', value: '{"version":1,"jobId":', code: 'CONTRACT_INVALID_JSON' },
    { name: 'empty-value', value: null, code: 'CONTRACT_INVALID_JSON' },
    { name: 'array', value: '[1,2,3]', code: 'CONTRACT_INVALID_PAYLOAD' },
    { name: 'version-2', value: linkMessage({ version: 2 }), code: 'CONTRACT_UNSUPPORTED_VERSION' },
    { name: 'no-version', value: linkMessage({ version: undefined }), code: 'CONTRACT_UNSUPPORTED_VERSION' },
    {
      name: 'wrong-types',
      value: linkMessage({ force: 'yes', videoId: 42 }),
      code: 'CONTRACT_INVALID_PAYLOAD',
    },
    { name: 'operator-object', value: linkMessage({ jobId: { $gt: '' } }), code: 'CONTRACT_INVALID_PAYLOAD' },
    {
      name: 'bad-video-key',
      value: linkMessage({ videoKey: 'twitch:../../etc/passwd' }),
      code: 'CONTRACT_INVALID_PAYLOAD',
    },
  ]
  const out: PoisonMessage[] = []
  for (const [topic, consumerGroups] of Object.entries(consumers)) {
    for (const c of cases) {
      out.push({
        key: `poison-${runTag}-${topic}-${c.name}`,
        topic,
        value: c.value,
        groups: consumerGroups,
        code: c.code,
      })
    }
  }
  return out
}
