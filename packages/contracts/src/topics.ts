/**
 * Every Kafka topic and consumer group of the pipeline. Topic names carry their major version;
 * a breaking change to a message adds a new topic instead of changing the old one.
 */
export const TOPICS = {
  links: 'vod.links.v1',
  videos: 'vod.videos.v1',
  chatChunks: 'vod.chat-chunks.v1',
  audioSegments: 'vod.audio-segments.v1',
  jobEvents: 'vod.job-events.v1',
} as const

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS]

/** Consumer groups of the worker apps. Each one owns a `<group>.retry` and a `<group>.dlq` topic. */
export const GROUPS = {
  extractor: 'vodscope.extractor',
  chatPlanner: 'vodscope.chat-planner',
  chatChunks: 'vodscope.chat-chunks',
  audioPlanner: 'vodscope.audio-planner',
  audioSegments: 'vodscope.audio-segments',
} as const

export type GroupName = (typeof GROUPS)[keyof typeof GROUPS]

export const retryTopic = (group: string): string => `${group}.retry`
export const dlqTopic = (group: string): string => `${group}.dlq`

export type Topics = { [K in keyof typeof TOPICS]: string }
export type Groups = { [K in keyof typeof GROUPS]: string }

/**
 * The topic and group names of one deployment. A prefix (`TOPIC_PREFIX`) gives a test run or a
 * benchmark a pipeline of its own on a shared broker: its own topics and its own consumer groups.
 */
export function namespace(prefix = ''): { topics: Topics; groups: Groups } {
  const add = <T extends Record<string, string>>(names: T) =>
    Object.fromEntries(Object.entries(names).map(([k, v]) => [k, prefix + v])) as { [K in keyof T]: string }
  return { topics: add(TOPICS), groups: add(GROUPS) }
}

/** Every topic the pipeline needs, main topics first, then each group's retry and dead-letter topic. */
export function allTopics(prefix = ''): string[] {
  const { topics, groups } = namespace(prefix)
  const names = Object.values(groups)
  return [...Object.values(topics), ...names.map(retryTopic), ...names.map(dlqTopic)]
}
